"use server";
import { AuthError } from "next-auth";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { invalid, type ActionResult } from "@/lib/action-result";
import { signIn, signOut } from "@/lib/auth/config";
import { signInSchema } from "@/lib/auth/schema";

export async function requestSignInLink(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = signInSchema.safeParse({ email: formData.get("email"), callbackUrl: formData.get("callbackUrl") ?? undefined });
  if (!parsed.success) return invalid(parsed.error, "Check your email address.");
  try {
    await signIn("nodemailer", { email: parsed.data.email, redirectTo: parsed.data.callbackUrl });
    return { ok: true };
  } catch (error) {
    if (isRedirectError(error)) throw error;
    if (error instanceof AuthError) {
      console.error("[hindsight] sign-in email failed:", error.type);
      return { ok: false, message: "We could not send the sign-in email. Try again in a minute." };
    }
    throw error;
  }
}

export async function signInWith(provider: string) {
  await signIn(provider, { redirectTo: "/" });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}

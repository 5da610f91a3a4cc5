import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { signInWith } from "@/lib/auth/actions";
import { externalProviders } from "@/lib/auth/config";
import { safeReturnPath } from "@/lib/auth/return-url";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { Button } from "@/components/ui/button";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const errors: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  AccessDenied: "Access denied.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const params = await searchParams;
  const error = typeof params.error === "string" ? params.error : undefined;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const providers = externalProviders();
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Sign in</h1>
      <p className="mb-4 text-sm text-slate-600">We email you a link; no password needed.</p>
      {error && (
        <p
          role="alert"
          className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {errors[error] ?? "Sign-in failed. Try again."}
        </p>
      )}
      <SignInForm callbackUrl={callbackUrl} />
      {providers.length > 0 && (
        <div className="mt-6 space-y-2 border-t border-slate-200 pt-4">
          {providers.map((p) => (
            <form key={p.id} action={signInWith}>
              <input type="hidden" name="provider" value={p.id} />
              <Button type="submit" variant="secondary" className="w-full">
                Continue with {p.name}
              </Button>
            </form>
          ))}
        </div>
      )}
      {env().DEV_MAILBOX_DIR && (
        <p className="mt-6 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900">
          Development mode: emails are caught locally. Open the{" "}
          <Link className="font-medium underline" href="/dev/mailbox">
            development mailbox
          </Link>{" "}
          to click your sign-in link (it is also printed in the terminal). The demo team&apos;s
          owner is <strong>demo@hindsight.local</strong>.
        </p>
      )}
    </>
  );
}

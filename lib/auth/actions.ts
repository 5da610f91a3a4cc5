"use server";
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { signInSchema } from "@/lib/auth/schema";
import { SignInEmailLimited } from "@/lib/auth/sign-in-email";
import { RuleError } from "@/lib/errors";
import { defineAction } from "@/lib/server/action";
import { log } from "@/lib/log";

/** Public: asking for a sign-in link needs no session. Auth.js answers with a redirect to /verify-request. */
export const requestSignInLink = defineAction({
  permission: "public",
  input: signInSchema,
  invalidMessage: "Check your email address.",
  run: async ({ input }) => {
    try {
      await signIn("nodemailer", { email: input.email, redirectTo: input.callbackUrl });
    } catch (error) {
      // A rate limit: its "try again in N minutes" goes on the email field (RuleError("email")).
      if (error instanceof SignInEmailLimited) throw error.limit;
      if (error instanceof AuthError) {
        log.error({ type: error.type }, "sign-in email failed");
        throw new RuleError("We could not send the sign-in email. Try again in a minute.");
      }
      throw error; // Next's redirect included
    }
  },
});

/** The provider's button posts its id; Auth.js refuses unknown ones. */
export const signInWith = defineAction({
  permission: "public",
  input: z.object({ provider: z.string().min(1).max(40) }),
  run: async ({ input }) => {
    await signIn(input.provider, { redirectTo: "/" });
  },
});

/** Public: signing out works even when the session already ended. */
export const signOutAction = defineAction({
  permission: "public",
  input: z.object({}),
  run: async () => {
    await signOut({ redirectTo: "/sign-in" });
  },
});

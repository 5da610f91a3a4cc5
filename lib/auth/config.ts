import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
import Nodemailer from "next-auth/providers/nodemailer";
import type { Provider } from "next-auth/providers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { externalProviderSettings } from "@/lib/auth/providers";
import { safeReturnPath } from "@/lib/auth/return-url";
import { sendSignInEmail } from "@/lib/auth/sign-in-email";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "@/lib/auth/session-token";

function providers(): Provider[] {
  const e = env();
  const list: Provider[] = [
    Nodemailer({
      server: e.SMTP_URL ?? "smtp://127.0.0.1:1025",
      from: e.EMAIL_FROM,
      maxAge: 60 * 60, // sign-in links last one hour
      sendVerificationRequest: ({ identifier, url }) => sendSignInEmail(identifier, url),
    }),
  ];
  for (const p of externalProviderSettings(e)) {
    list.push(
      p.id === "github"
        ? GitHub({ clientId: p.clientId, clientSecret: p.clientSecret })
        : {
            id: "oidc",
            name: p.name,
            type: "oidc",
            issuer: p.issuer,
            clientId: p.clientId,
            clientSecret: p.clientSecret,
          },
    );
  }
  return list;
}

/**
 * Auth.js builds the sign-in link from AUTH_URL when it is set and otherwise from the request's
 * X-Forwarded-Host / Host headers, which any client can write (magic-link host poisoning). So
 * AUTH_URL is always the configured APP_URL: `createActionURL` (sign-in from a server action)
 * and `reqWithEnvURL` (the /api/auth route) read it from process.env on every call, and the
 * request's own host is never used. trustHost only tells Auth.js not to reject the request;
 * with AUTH_URL set it rewrites the request URL to APP_URL first.
 */
function pinAuthUrl(appUrl: string) {
  process.env.AUTH_URL = appUrl;
}

// Built lazily (per request) so `next build` needs no runtime environment.
const config = (): NextAuthConfig => {
  pinAuthUrl(env().APP_URL);
  return {
    basePath: "/api/auth",
    adapter: PrismaAdapter(db as never),
    // lib/auth/session.ts reads sessions itself by the same rules (lib/auth/session-token.ts).
    session: {
      strategy: "database",
      maxAge: SESSION_MAX_AGE_SECONDS,
      updateAge: SESSION_UPDATE_AGE_SECONDS,
    },
    trustHost: true,
    pages: { signIn: "/sign-in", verifyRequest: "/verify-request", error: "/sign-in" },
    providers: providers(),
    callbacks: {
      // Where Auth.js sends the browser after signing in or out: only paths on this site.
      redirect({ url, baseUrl }) {
        return new URL(safeReturnPath(url, { appOrigin: baseUrl }), baseUrl).toString();
      },
      session({ session, user }) {
        session.user.id = user.id;
        return session;
      },
    },
  };
};

export const { handlers, auth, signIn, signOut } = NextAuth(config);

/** Names of the optional providers switched on by env, for the sign-in page. */
export function externalProviders(): { id: string; name: string }[] {
  return externalProviderSettings(env()).map(({ id, name }) => ({ id, name }));
}

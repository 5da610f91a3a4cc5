import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
import Nodemailer from "next-auth/providers/nodemailer";
import type { Provider } from "next-auth/providers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { externalProviderSettings } from "@/lib/auth/providers";
import { sendSignInEmail } from "@/lib/auth/sign-in-email";

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
        : { id: "oidc", name: p.name, type: "oidc", issuer: p.issuer, clientId: p.clientId, clientSecret: p.clientSecret },
    );
  }
  return list;
}

// Built lazily (per request) so `next build` needs no runtime environment.
const config = (): NextAuthConfig => ({
  adapter: PrismaAdapter(db as never),
  session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
  trustHost: true,
  pages: { signIn: "/sign-in", verifyRequest: "/verify-request", error: "/sign-in" },
  providers: providers(),
  callbacks: {
    session({ session, user }) {
      session.user.id = user.id;
      return session;
    },
  },
});

export const { handlers, auth, signIn, signOut } = NextAuth(config);

/** Names of the optional providers switched on by env, for the sign-in page. */
export function externalProviders(): { id: string; name: string }[] {
  return externalProviderSettings(env()).map(({ id, name }) => ({ id, name }));
}

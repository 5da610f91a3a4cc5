// Which optional sign-in providers the environment switches on (pure; unit-tested).
// Email magic links are always on; GitHub and OIDC need every one of their variables.
import type { Env } from "@/lib/env";

export type ExternalProvider =
  | { id: "github"; name: string; clientId: string; clientSecret: string }
  | { id: "oidc"; name: string; clientId: string; clientSecret: string; issuer: string };

type ProviderEnv = Pick<
  Env,
  | "AUTH_GITHUB_ID"
  | "AUTH_GITHUB_SECRET"
  | "AUTH_OIDC_ISSUER"
  | "AUTH_OIDC_ID"
  | "AUTH_OIDC_SECRET"
  | "AUTH_OIDC_NAME"
>;

export function externalProviderSettings(e: ProviderEnv): ExternalProvider[] {
  const list: ExternalProvider[] = [];
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) {
    list.push({
      id: "github",
      name: "GitHub",
      clientId: e.AUTH_GITHUB_ID,
      clientSecret: e.AUTH_GITHUB_SECRET,
    });
  }
  if (e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_ID && e.AUTH_OIDC_SECRET) {
    list.push({
      id: "oidc",
      name: e.AUTH_OIDC_NAME || "Single sign-on",
      clientId: e.AUTH_OIDC_ID,
      clientSecret: e.AUTH_OIDC_SECRET,
      issuer: e.AUTH_OIDC_ISSUER,
    });
  }
  return list;
}

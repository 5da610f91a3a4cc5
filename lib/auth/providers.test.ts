import { describe, expect, it } from "vitest";
import { externalProviderSettings } from "./providers";

const none = { AUTH_OIDC_NAME: "Single sign-on" };
const github = { AUTH_GITHUB_ID: "gh-id", AUTH_GITHUB_SECRET: "gh-secret" };
const oidc = {
  AUTH_OIDC_ISSUER: "https://sso.example.com",
  AUTH_OIDC_ID: "oidc-id",
  AUTH_OIDC_SECRET: "oidc-secret",
};

describe("externalProviderSettings", () => {
  const table: [string, Record<string, string>, string[]][] = [
    ["nothing configured", none, []],
    ["GitHub configured", { ...none, ...github }, ["github"]],
    ["GitHub without its secret", { ...none, AUTH_GITHUB_ID: "gh-id" }, []],
    ["OIDC configured", { ...none, ...oidc }, ["oidc"]],
    ["OIDC without an issuer", { ...none, AUTH_OIDC_ID: "oidc-id", AUTH_OIDC_SECRET: "s" }, []],
    ["both configured", { ...none, ...github, ...oidc }, ["github", "oidc"]],
  ];
  it.each(table)("%s → %j", (_name, env, ids) => {
    expect(externalProviderSettings(env as never).map((p) => p.id)).toEqual(ids);
  });

  it("passes the OIDC issuer, client and display name through", () => {
    expect(externalProviderSettings({ ...oidc, AUTH_OIDC_NAME: "Acme SSO" })).toEqual([
      {
        id: "oidc",
        name: "Acme SSO",
        clientId: "oidc-id",
        clientSecret: "oidc-secret",
        issuer: "https://sso.example.com",
      },
    ]);
  });
});

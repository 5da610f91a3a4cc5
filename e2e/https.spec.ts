// Issue 8, item 11: served over HTTPS (APP_URL https, TLS ended at a proxy in front), every
// response carries Strict-Transport-Security and the session cookies are Secure, with the
// __Secure-/__Host- prefixes browsers enforce. A second app on the same database with an https
// APP_URL; requests reach it over loopback as they would from the TLS proxy.
import { expect, test } from "@playwright/test";
import { startOwnApp, type OwnApp } from "./support/own-postgres";

test.describe("served over https", () => {
  let app: OwnApp;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    app = await startOwnApp(process.env.DATABASE_URL!, { APP_URL: "https://hindsight.example" });
  });
  test.afterAll(async () => app?.stop());

  test("HSTS on pages and routes, and Secure, prefixed auth cookies", async () => {
    for (const path of ["/sign-in", "/api/health"]) {
      const response = await fetch(`${app.baseUrl}${path}`, { redirect: "manual" });
      expect(response.headers.get("strict-transport-security"), path).toMatch(
        /max-age=\d{8}; includeSubDomains/,
      );
    }
    const csrf = await fetch(`${app.baseUrl}/api/auth/csrf`);
    const cookies = csrf.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/^__(Host|Secure)-authjs\./);
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
    }
  });

  test("over plain http (a local start) there is no HSTS and cookies are not Secure", async ({
    request,
  }) => {
    const page = await request.get("/sign-in");
    expect(page.headers()["strict-transport-security"]).toBeUndefined();
    const csrf = await request.get("/api/auth/csrf");
    const cookie = csrf.headers()["set-cookie"] ?? "";
    expect(cookie).toContain("authjs.csrf-token=");
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });
});

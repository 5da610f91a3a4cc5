import { expect, test } from "@playwright/test";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { createIncidentFor } from "./support/whys-db";
import { linkIn, waitForMail } from "./support/mail";

test.describe("security", () => {
  test("the sign-in link is built on APP_URL, never on X-Forwarded-Host or Origin (host poisoning)", async ({
    page,
    baseURL,
  }) => {
    const email = uniqueEmail("poison");
    const since = new Date(Date.now() - 1000);
    // The attacker's request: the browser's own server-action POST, replayed with a forged host
    // and a matching Origin (a browser cannot forge Origin, a script can).
    await page.route("**/sign-in**", async (route) => {
      const request = route.request();
      if (request.method() !== "POST") return route.continue();
      const headers = await request.allHeaders();
      delete headers.host;
      delete headers["content-length"];
      const response = await page.request.fetch(request.url(), {
        method: "POST",
        headers: { ...headers, "x-forwarded-host": "evil.example", origin: "https://evil.example" },
        data: request.postDataBuffer() ?? undefined,
        maxRedirects: 0,
      });
      await route.fulfill({ response });
    });
    await page.goto("/sign-in");
    await page.getByLabel("Work email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    const mail = await waitForMail(email, /Sign in to Hindsight/, since);
    const link = new URL(linkIn(mail, "/api/auth/callback"));
    expect(link.origin).toBe(new URL(baseURL!).origin);
    expect(`${mail.text}\n${mail.html}`).not.toContain("evil.example");
  });

  test("a signed-in user opening sign-in with a hostile callbackUrl stays on this site (open redirect)", async ({
    page,
    baseURL,
  }) => {
    await signIn(page, uniqueEmail("redirect"));
    for (const callbackUrl of [
      "%2F%2Fevil.example%2Fphish",
      "%2F%5Cevil.example",
      "%2F%2509%2Fevil.example",
      "/%09/evil.example",
      "%2F.%2F%2Fevil.example",
    ]) {
      await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      expect(page.url()).not.toContain("evil.example");
    }
  });

  test("every page carries the security headers and still hydrates under the nonce CSP", async ({
    page,
  }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text()))
        violations.push(m.text());
    });
    page.on("pageerror", (e) => violations.push(e.message));
    const email = uniqueEmail("csp");
    await signUpWithTeam(page, email, "CSP Team");
    const { incidentId } = await createIncidentFor(email, {
      title: "CSP incident",
      customerImpact: "None",
    });
    for (const path of [
      "/",
      "/incidents",
      "/incidents/new",
      `/incidents/${incidentId}`,
      `/incidents/${incidentId}/whys`,
      `/incidents/${incidentId}/report`,
      "/actions",
      "/settings",
      "/settings/members",
      "/no-such-page",
    ]) {
      const response = await page.goto(path);
      const headers = response!.headers();
      const csp = headers["content-security-policy"] ?? "";
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(headers["permissions-policy"], path).toContain("camera=()");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      // Hydrated: React has attached itself to the page's elements.
      await expect
        .poll(
          () =>
            page.evaluate(() =>
              Object.keys(document.querySelector("main") ?? document.body).some((k) =>
                k.startsWith("__react"),
              ),
            ),
          { message: `${path} hydrates` },
        )
        .toBe(true);
    }
    expect(violations).toEqual([]);
  });

  test("NUL bytes in addresses and search params answer 400 or 404, never 500", async ({
    page,
    request,
  }) => {
    await signUpWithTeam(page, uniqueEmail("nul"), "NUL Team");
    const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    for (const path of [
      "/actions?owner=%00",
      "/incidents?q=%00",
      "/print/reports/%00",
      "/api/incidents/%00/whys/stream",
      "/api/reports/%00/json",
      "/incidents/%00",
      "/r/%00",
    ]) {
      const response = await request.get(path, { headers: { cookie: cookies }, maxRedirects: 0 });
      expect([400, 404], `${path} answered ${response.status()}`).toContain(response.status());
    }
  });
  test("a server action posted from another site is refused with 403, not 500, and does nothing", async ({
    page,
    baseURL,
  }) => {
    await signUpWithTeam(page, uniqueEmail("csrf"), "CSRF Team");
    // The team's real "new incident" action, replayed as a cross-site form would send it: the
    // victim's cookies ride along, but the Origin is the attacker's.
    let replayed: { status: number; body: string } | null = null;
    await page.route("**/incidents/new", async (route) => {
      const request = route.request();
      if (request.method() !== "POST") return route.continue();
      const headers = await request.allHeaders();
      delete headers["content-length"];
      const response = await page.request.fetch(request.url(), {
        method: "POST",
        headers: { ...headers, origin: "https://evil.example" },
        data: request.postDataBuffer() ?? undefined,
        maxRedirects: 0,
      });
      replayed = { status: response.status(), body: await response.text() };
      await route.fulfill({ response });
    });
    await page.goto("/incidents/new");
    await page.getByLabel("Title").fill("Cross-site incident");
    await page.getByRole("button", { name: "Create incident" }).click();
    await expect.poll(() => replayed?.status).toBe(403);
    expect(replayed!.body).toContain("sent from another site");
    await page.unroute("**/incidents/new");
    await page.goto("/incidents");
    await expect(page.getByText("Cross-site incident")).toHaveCount(0);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
});

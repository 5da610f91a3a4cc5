import { expect, test } from "@playwright/test";
import { signIn, uniqueEmail } from "./support/auth";
import { linkIn, waitForMail } from "./support/mail";

test.describe("security", () => {
  test("the sign-in link is built on APP_URL, never on X-Forwarded-Host or Origin (host poisoning)", async ({ page, baseURL }) => {
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

  test("a signed-in user opening sign-in with a hostile callbackUrl stays on this site (open redirect)", async ({ page, baseURL }) => {
    await signIn(page, uniqueEmail("redirect"));
    for (const callbackUrl of ["%2F%2Fevil.example%2Fphish", "%2F%5Cevil.example", "%2F%2509%2Fevil.example", "/%09/evil.example", "%2F.%2F%2Fevil.example"]) {
      await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      expect(page.url()).not.toContain("evil.example");
    }
  });
});

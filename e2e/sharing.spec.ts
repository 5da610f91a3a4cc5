import { expect, test, type Browser } from "@playwright/test";
import { signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { linkIn, waitForMail } from "./support/mail";
import { publishReportFor } from "./support/share-db";

let clients = 0;
/** A browser with no session, as a recipient opening the email elsewhere (its own address for the rate limiter). */
async function freshContext(browser: Browser) {
  clients += 1;
  return browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${clients}` } });
}

test("share a published report with two people, read it without a session, revoke it", async ({
  page,
  browser,
}) => {
  const owner = uniqueEmail("sharer");
  await signUpWithTeam(page, owner, "Sharing Team");
  const report = await publishReportFor(owner, "Checkout outage");

  await page.goto(`/incidents/${report.incidentId}/report/share`);
  await expect(page.getByRole("heading", { name: "Share with stakeholders" })).toBeVisible();
  await expect(page.getByText("Not shared with anyone yet")).toBeVisible();
  await expectNoA11yViolations(page);

  // A bad address is named and nothing is sent.
  await page.getByLabel("Email addresses").fill("good@example.test, bob@");
  await page.getByRole("button", { name: "Share report" }).click();
  await expect(page.getByText('"bob@" is not a valid email address.')).toBeVisible();
  await expect(page.getByLabel("Email addresses")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email addresses")).toHaveValue("good@example.test, bob@");

  const first = uniqueEmail("cfo");
  const second = uniqueEmail("account.lead");
  const since = new Date(Date.now() - 1000);
  await page.getByLabel("Email addresses").fill(`${first}\n${second}`);
  await page
    .getByLabel("Message (optional)")
    .fill("Please read the action items <b>before</b> Friday.");
  await page.getByLabel("Link lifetime (days)").fill("14");
  await page.getByLabel("Anyone with the link").check();
  await page.getByRole("button", { name: "Share report" }).click();
  await expect(page.getByText("Shared with 2 people. The emails are on their way.")).toBeVisible();

  const [mailOne, mailTwo] = await Promise.all([
    waitForMail(first, /Incident report: INC-\d+ Checkout outage/, since),
    waitForMail(second, /Incident report/, since),
  ]);
  expect(mailOne.text).toContain("Please read the action items <b>before</b> Friday.");
  expect(mailOne.html).toContain("&lt;b&gt;before&lt;/b&gt;");
  expect(mailOne.text).toContain(`INC-${report.number}: Checkout outage`);
  expect(mailOne.text).toContain("checkout returned errors for 40 minutes");
  const linkOne = linkIn(mailOne, "/r/");
  const linkTwo = linkIn(mailTwo, "/r/");
  expect(linkOne).not.toBe(linkTwo);

  // The share list picks up the delivery without a manual reload.
  await expect(
    page.getByTestId("share-row").filter({ hasText: first }).getByText("Sent", { exact: true }),
  ).toBeVisible();
  await expect(
    page.getByTestId("share-row").filter({ hasText: second }).getByText("Sent", { exact: true }),
  ).toBeVisible();

  // A recipient with no session reads the published version, and nothing of the workspace.
  const reader = await freshContext(browser);
  const readerPage = await reader.newPage();
  const response = await readerPage.goto(linkOne);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");
  await expect(
    readerPage.getByRole("heading", {
      level: 1,
      name: new RegExp(`INC-${report.number}: Checkout outage`),
    }),
  ).toBeVisible();
  await expect(readerPage.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(readerPage.locator('meta[name="referrer"]')).toHaveAttribute(
    "content",
    "no-referrer",
  );
  await expect(readerPage.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(readerPage.getByRole("button", { name: /edit|publish|sign out/i })).toHaveCount(0);
  await expect(readerPage.getByText("internal.author@example.test")).toHaveCount(0);
  await expectNoA11yViolations(readerPage);

  // The sharer sees the view; then revokes the link.
  await page.reload();
  const row = page.getByTestId("share-row").filter({ hasText: first });
  await expect(row.getByText("1 view")).toBeVisible();
  await row.getByRole("button", { name: `Revoke link for ${first}` }).click();
  await expect(page.getByText(`Revoked the link for ${first}.`)).toBeVisible();
  await expect(
    page
      .getByTestId("share-row")
      .filter({ hasText: first })
      .getByText(/^Revoked \d/),
  ).toBeVisible();

  // The same link now answers exactly like a link that never existed.
  const revoked = await readerPage.goto(linkOne);
  expect(revoked?.status()).toBe(404);
  await expect(
    readerPage.getByRole("heading", { name: "This link is not available" }),
  ).toBeVisible();
  const revokedText = await readerPage.locator("main").innerText();
  const unknownUrl = linkOne.replace(/\/r\/.*/, `/r/${"A".repeat(43)}`);
  const unknown = await readerPage.goto(unknownUrl);
  expect(unknown?.status()).toBe(404);
  expect(await readerPage.locator("main").innerText()).toBe(revokedText);
  await reader.close();

  // The other recipient's link still works.
  const other = await freshContext(browser);
  const otherPage = await other.newPage();
  await otherPage.goto(linkTwo);
  await expect(otherPage.getByRole("heading", { level: 1, name: /Checkout outage/ })).toBeVisible();
  await other.close();
});

test("a confirm-email link opens only after the recipient signs in with that address", async ({
  page,
  browser,
}) => {
  const owner = uniqueEmail("confirmer");
  await signUpWithTeam(page, owner, "Confirm Team");
  const report = await publishReportFor(owner, "Login failures");
  await page.goto(`/incidents/${report.incidentId}/report/share`);
  const recipient = uniqueEmail("auditor");
  const since = new Date(Date.now() - 1000);
  await page.getByLabel("Email addresses").fill(recipient);
  await page.getByLabel("Recipient must confirm their email").check();
  await page.getByRole("button", { name: "Share report" }).click();
  await expect(page.getByText(`Shared with ${recipient}. The email is on its way.`)).toBeVisible();
  const shareMail = await waitForMail(recipient, /Incident report/, since);
  expect(shareMail.text).toContain("confirm this email address");
  const link = linkIn(shareMail, "/r/");

  const context = await freshContext(browser);
  const reader = await context.newPage();
  await reader.goto(link);
  await expect(
    reader.getByRole("heading", { name: "Confirm your email to read this report" }),
  ).toBeVisible();
  await expect(reader.getByText(/Login failures/)).toHaveCount(0);
  await expectNoA11yViolations(reader);
  const signInSince = new Date(Date.now() - 1000);
  await reader.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(reader.getByText(/We sent a sign-in link to/)).toBeVisible();
  const signInMail = await waitForMail(recipient, /Sign in to Hindsight/, signInSince);
  await reader.goto(linkIn(signInMail, "/api/auth/callback"));
  await expect(reader).toHaveURL(link);
  await expect(reader.getByRole("heading", { level: 1, name: /Login failures/ })).toBeVisible();
  await context.close();
});

test("guessing tokens from one address is blocked with 429 and Retry-After", async ({
  request,
}) => {
  const headers = { "x-forwarded-for": "203.0.113.99" };
  const statuses: number[] = [];
  let last;
  for (let i = 0; i < 5; i++) {
    last = await request.get(`/r/${"B".repeat(42)}${i}`, { headers });
    statuses.push(last.status());
  }
  expect(statuses.slice(0, 3)).toEqual([404, 404, 404]);
  expect(last!.status()).toBe(429);
  expect(Number(last!.headers()["retry-after"])).toBeGreaterThan(0);
  expect(last!.headers()["x-robots-tag"]).toContain("noindex");
  expect(await last!.text()).toContain("Too many attempts");
});

test("an owner sets the team's sharing policy; the share form follows it", async ({ page }) => {
  const owner = uniqueEmail("policy");
  await signUpWithTeam(page, owner, "Policy Team");
  const report = await publishReportFor(owner, "Cache stampede");
  await page.goto("/settings/sharing");
  await expect(page.getByRole("heading", { name: "Sharing", level: 1 })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel("Default link lifetime (days)").fill("40");
  await page.getByLabel("Maximum link lifetime (days)").fill("20");
  await page.getByRole("button", { name: "Save sharing settings" }).click();
  await expect(
    page.getByText("The default lifetime cannot be longer than the maximum."),
  ).toBeVisible();
  await expect(page.getByLabel("Maximum link lifetime (days)")).toHaveValue("20");
  await page.getByLabel("Default link lifetime (days)").fill("10");
  await page.getByLabel("Allow “anyone with the link”").uncheck();
  await page.getByRole("button", { name: "Save sharing settings" }).click();
  await expect(page.getByText("Sharing settings saved.")).toBeVisible();

  await page.goto(`/incidents/${report.incidentId}/report/share`);
  await expect(page.getByLabel("Link lifetime (days)")).toHaveValue("10");
  await expect(page.getByText("Up to 20 days (team policy).")).toBeVisible();
  await expect(page.getByLabel("Anyone with the link")).toBeDisabled();
  await expect(page.getByLabel("Recipient must confirm their email")).toBeChecked();
  await page.getByLabel("Email addresses").fill(uniqueEmail("x"));
  await page.getByLabel("Link lifetime (days)").fill("21");
  await page.getByRole("button", { name: "Share report" }).click();
  await expect(
    page.getByText("Links may last at most 20 days (team policy).").first(),
  ).toBeVisible();
});

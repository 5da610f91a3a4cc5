// The whole share-as-customer path through the browser (issue 12): an owner sets the team's
// logo and marks a template section internal, the author writes a customer summary and checks
// the preview, the report is reviewed and published, shared as the customer version, and the
// customer reads it: team name and logo on top, no internal section, no name, no address.
import { expect, test, type Browser } from "@playwright/test";
import { ReportEditorPage } from "./pages/report-editor";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { linkIn, waitForMail } from "./support/mail";
import { addMember, closeReportDb, seedIncident, setUserName, teamOf } from "./support/report-db";

const PNG_1x1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

test.afterAll(async () => {
  await closeReportDb();
});

async function customerContext(browser: Browser) {
  return browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.77" } });
}

test("share the customer version: preview, publish, email and link name no one and leave internal sections out", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const ownerEmail = uniqueEmail("cust-owner");
  await signUpWithTeam(page, ownerEmail, "Payments SRE");
  const { teamId, userId } = await teamOf(ownerEmail);
  await setUserName(userId, "Dana Whitfield");
  const reviewerEmail = uniqueEmail("cust-reviewer");
  await addMember(teamId, reviewerEmail, "Riley Reviewer", "EDITOR");
  const incident = await seedIncident(teamId, userId, "Card payments declined");

  // The owner sets the logo (an SVG is refused by its content) and marks a section internal.
  await page.goto("/settings");
  await page
    .getByLabel("Upload a logo")
    .setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from("<svg/>") });
  await page.getByRole("button", { name: "Save logo" }).click();
  await expect(page.locator("#team-logo-input-error")).toContainText("SVG is not accepted");
  await page
    .getByLabel("Upload a logo")
    .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG_1x1 });
  await page.getByRole("button", { name: "Save logo" }).click();
  await expect(page.getByText("Logo saved.")).toBeVisible();
  await expect(page.getByTestId("team-logo")).toBeVisible();
  await page.goto("/settings/templates");
  const full = page.getByRole("form", { name: /^Full AAR/ });
  await full.getByLabel("Internal: leave “What was expected” out of the customer version").check();
  await full.getByRole("button", { name: "Save Full AAR" }).click();
  await expect(full.getByText("Template saved.")).toBeVisible();

  const editor = new ReportEditorPage(page, incident.incidentId);
  await editor.open();
  await editor.write(
    "Summary",
    `Dana Whitfield paged ${reviewerEmail}; Riley Reviewer rolled back. Riley confirmed recovery.`,
  );
  await editor.write("What was expected", "Internal runbook RB-7: fail over within 30 seconds.");
  await editor.write(
    "Customer summary",
    "Some card payments were declined for 65 minutes. We now validate connections.",
  );

  // The author previews the customer version before publishing.
  await page.goto(`/preview/incidents/${incident.incidentId}/report?audience=customer`);
  await expect(page.getByTestId("preview-banner")).toContainText("the customer version");
  const preview = page.getByRole("article");
  await expect(preview).toContainText("Some card payments were declined for 65 minutes.");
  await expect(preview).toContainText(
    "A responder paged [email removed]; a responder rolled back. A responder confirmed recovery.",
  );
  await expect(preview).not.toContainText("RB-7");
  await expect(preview).not.toContainText("Dana");
  await expect(preview.getByRole("img", { name: "Payments SRE logo" })).toBeVisible();

  await editor.open();
  await editor.requestReview("Riley Reviewer");
  const reviewerContext = await browser.newContext();
  const reviewerPage = await reviewerContext.newPage();
  await signIn(reviewerPage, reviewerEmail);
  await expect(reviewerPage.getByRole("navigation", { name: "Main" })).toBeVisible();
  await new ReportEditorPage(reviewerPage, incident.incidentId).open();
  await new ReportEditorPage(reviewerPage, incident.incidentId).approve();
  await reviewerContext.close();
  await editor.open();
  await editor.publish(1);

  // Share the customer version.
  const customer = uniqueEmail("buyer");
  const since = new Date(Date.now() - 1000);
  await page.goto(`/incidents/${incident.incidentId}/report/share`);
  await page.getByRole("radio", { name: /Customer version/ }).check();
  await page.getByLabel("Email addresses").fill(customer);
  await page.getByRole("button", { name: "Share report" }).click();
  await expect(page.getByText(`Shared with ${customer}.`)).toBeVisible();
  await expect(page.getByTestId("share-row").filter({ hasText: customer })).toContainText(
    "Customer version",
  );

  const mail = await waitForMail(customer, /Incident report/, since);
  expect(mail.text).toContain("Payments SRE shared an incident report with you.");
  expect(mail.text).toContain("Some card payments were declined for 65 minutes.");
  for (const leak of ["Dana", "Whitfield", "Riley", ownerEmail, reviewerEmail]) {
    expect(mail.text).not.toContain(leak);
    expect(mail.html).not.toContain(leak);
  }

  // The customer opens the link on another machine.
  const context = await customerContext(browser);
  const reader = await context.newPage();
  await reader.goto(linkIn(mail, "/r/"));
  const report = reader.getByRole("article");
  await expect(report.getByRole("heading", { level: 1 })).toHaveText(/Card payments declined/);
  await expect(report).toContainText("Incident report · Payments SRE");
  await expect(report).toContainText("Some card payments were declined for 65 minutes.");
  await expect(report).not.toContainText("What was expected");
  const logo = report.getByRole("img", { name: "Payments SRE logo" });
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  const body = await reader.locator("body").innerText();
  for (const leak of ["Dana", "Whitfield", "Riley", "RB-7", ownerEmail, reviewerEmail])
    expect(body).not.toContain(leak);
  await expectNoA11yViolations(reader);
  await context.close();
});

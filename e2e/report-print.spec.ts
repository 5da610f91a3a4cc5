import { expect, test } from "@playwright/test";
import { ReportEditorPage } from "./pages/report-editor";
import { signUpWithTeam, uniqueEmail } from "./support/auth";
import { pdfPages } from "./support/pdf";
import { closeReportDb, seedIncident, setUserName, teamOf } from "./support/report-db";

test.afterAll(async () => {
  await closeReportDb();
});

test("the printed report has no near-empty pages, a footer with title and page numbers, and no author email", async ({
  page,
}) => {
  const email = uniqueEmail("print");
  await signUpWithTeam(page, email, "Print Team");
  const { teamId, userId } = await teamOf(email);
  await setUserName(userId, "Pat Printer");
  const incident = await seedIncident(teamId, userId, "Printed report");
  const editor = new ReportEditorPage(page, incident.incidentId);
  await editor.open();
  await editor.write("Summary", "Checkout failed for an hour after a database failover.");
  await editor.write("What was expected", "Failover completes within 30 seconds.");

  await page.goto(`/print/incidents/${incident.incidentId}/report`);
  await expect(page.getByRole("heading", { level: 1, name: /Printed report/ })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  const pages = pdfPages(await page.pdf({ format: "A4", printBackground: true }));

  // The five sections flow on: a short report takes three pages at most, not one page per section
  // (which printed "What was expected" alone on a page).
  expect(pages.length).toBeLessThanOrEqual(3);
  // Every page but the last is well filled (a near-empty page holds little more than its footer).
  for (const text of pages.slice(0, -1)) expect(text.length).toBeGreaterThan(500);
  pages.forEach((text, i) => {
    expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    expect(text).toMatch(/INC-\d+: Printed report/);
  });
  const all = pages.join(" ");
  expect(all).toContain("Failover completes within 30 seconds.");
  expect(all).toContain("Author: Pat Printer.");
  expect(all).not.toContain(email);
});

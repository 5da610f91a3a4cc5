import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ReportEditorPage } from "./pages/report-editor";
import { ReportVersionsPage } from "./pages/report-versions";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { waitForMail } from "./support/mail";
import { expectNoA11yViolations } from "./support/axe";
import {
  addMember,
  closeReportDb,
  latestVersionId,
  renameIncident,
  seedIncident,
  teamOf,
} from "./support/report-db";

test.afterAll(async () => {
  await closeReportDb();
});

/** The PDF's text as a reader would copy it, extracted by poppler's pdftotext (installed by .ci/run). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aar-pdf-"));
  const file = path.join(dir, "report.pdf");
  writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(
      /\s+/g,
      " ",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("write, review, publish, republish, diff and export an After Action Report", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const ownerEmail = uniqueEmail("aar-owner");
  await signUpWithTeam(page, ownerEmail, "Checkout SRE");
  const { teamId, userId } = await teamOf(ownerEmail);
  const reviewerEmail = uniqueEmail("aar-reviewer");
  await addMember(teamId, reviewerEmail, "Riley Reviewer", "EDITOR");
  const incident = await seedIncident(teamId, userId, "Checkout API returned 502s");

  // The owner writes the narrative; the facts are already filled in from the incident.
  const editor = new ReportEditorPage(page, incident.incidentId);
  await editor.open();
  await expect(editor.status()).toHaveText("Draft");
  // .first(): the attachments panel's "Shown with" list names the event too.
  await expect(page.getByText("Restarted the connection pooler").first()).toBeVisible();
  await expect(page.getByText("Pool connections are never validated").first()).toBeVisible();
  await expect(page.getByTestId("completeness")).toContainText("0 of 11 fields written");
  await editor.write("Summary", "Checkout failed for **65 minutes** after a database failover.");
  await editor.write("Trigger", "A planned database failover.");
  await expect(page.getByTestId("completeness")).toContainText("2 of 11 fields written");
  await expectNoA11yViolations(page);

  // The text survives a reload (it was autosaved).
  await page.reload();
  await expect(page.getByLabel("Summary", { exact: true })).toHaveValue(
    "Checkout failed for **65 minutes** after a database failover.",
  );

  await editor.requestReview("Riley Reviewer");
  await waitForMail(reviewerEmail, /Review requested: INC-\d+: Checkout API returned 502s/);
  // The author cannot publish without an approval.
  await expect(page.getByTestId("publish-blocker")).toHaveText(
    "Publishing needs 1 approval; 0 so far.",
  );

  // A second account approves.
  const reviewerContext = await browser.newContext();
  const reviewerPage = await reviewerContext.newPage();
  await signIn(reviewerPage, reviewerEmail);
  await expect(reviewerPage.getByRole("navigation", { name: "Main" })).toBeVisible();
  const reviewerView = new ReportEditorPage(reviewerPage, incident.incidentId);
  await reviewerView.open();
  await expect(
    reviewerPage.getByRole("heading", { level: 2, name: /^INC-\d+: Checkout API returned 502s$/ }),
  ).toBeVisible();
  await reviewerView.approve("Clear and complete.");

  // The owner publishes version 1.
  await editor.open();
  await editor.publish(1);

  // Changing the incident afterwards never changes what was published.
  await renameIncident(incident.incidentId, "Renamed after publishing");
  const versions = new ReportVersionsPage(page, incident.incidentId);
  await versions.openVersion(1);
  await expect(
    page.getByRole("heading", { level: 2, name: /^INC-\d+: Checkout API returned 502s$/ }),
  ).toBeVisible();
  // (The incident header above shows the new title; the frozen report does not.)
  await expect(page.getByRole("article")).not.toContainText("Renamed after publishing");

  // Editing after publishing opens a new draft, which follows the incident again.
  await editor.open();
  await editor.startNewDraft();
  await expect(page.getByLabel("Summary", { exact: true })).toHaveValue(
    "Checkout failed for **65 minutes** after a database failover.",
  );
  await editor.write(
    "Summary",
    "Checkout failed for 65 minutes after a database failover; 12% of orders were lost.",
  );
  await editor.requestReview("Riley Reviewer");
  await reviewerView.open();
  await reviewerView.approve();
  await reviewerContext.close();
  await editor.open();
  await editor.publish(2);

  // Version history and a readable diff (text markers, not colour alone).
  await versions.openHistory();
  await expect(page.getByRole("link", { name: "Version 1" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Version 2" })).toBeVisible();
  const diff = await versions.compare(1, 2);
  await expect(
    diff.getByRole("listitem").filter({
      hasText: "Removed: Checkout failed for **65 minutes** after a database failover.",
    }),
  ).toBeVisible();
  await expect(
    diff.getByRole("listitem").filter({
      hasText:
        "Added: Checkout failed for 65 minutes after a database failover; 12% of orders were lost.",
    }),
  ).toBeVisible();

  // Version 1 is still the original.
  await versions.openVersion(1);
  await expect(
    page.getByRole("heading", { level: 2, name: /^INC-\d+: Checkout API returned 502s$/ }),
  ).toBeVisible();

  // Export version 2 as Markdown.
  await versions.openVersion(2);
  await expect(
    page.getByRole("heading", { level: 2, name: /^INC-\d+: Renamed after publishing$/ }),
  ).toBeVisible();
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download Markdown" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^inc-\d+-renamed-after-publishing-v2\.md$/);
  const markdown = readFileSync((await download.path())!, "utf8");
  expect(markdown).toContain("# INC-");
  expect(markdown).toContain("Renamed after publishing");
  expect(markdown).toContain("12% of orders were lost");
  expect(markdown).toContain("Pool connections are never validated");

  // The print view: no navigation, accessible, and Chromium prints it to a PDF whose text holds the report.
  const versionId = await latestVersionId(incident.incidentId);
  await page.goto(`/print/reports/${versionId}`);
  await expect(
    page.getByRole("heading", { level: 1, name: /Renamed after publishing/ }),
  ).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expectNoA11yViolations(page);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const text = pdfText(pdf);
  expect(text).toContain("Renamed after publishing");
  expect(text).toContain("12% of orders were lost");
  expect(text).toContain("Pool connections are never validated");
});

test("another team's report and exports answer 404", async ({ page, browser }) => {
  const ownerEmail = uniqueEmail("aar-a");
  await signUpWithTeam(page, ownerEmail, "Team A");
  const { teamId, userId } = await teamOf(ownerEmail);
  const incident = await seedIncident(teamId, userId, "Private incident");

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUpWithTeam(otherPage, uniqueEmail("aar-b"), "Team B");
  // The page streams (loading UI), so the status may already be sent: check what the user sees.
  await otherPage.goto(`/incidents/${incident.incidentId}/report`);
  await expect(otherPage.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(otherPage.getByText("Private incident")).toHaveCount(0);
  await otherPage.goto(`/incidents/${incident.incidentId}/report/versions/1`);
  await expect(otherPage.getByRole("heading", { name: "Not found" })).toBeVisible();
  const api = await otherPage.request.get(`/api/reports/does-not-exist/markdown`);
  expect(api.status()).toBe(404);
  await other.close();
});

test("a concurrent edit of the same section shows the other text and keeps mine", async ({
  page,
  browser,
}) => {
  const ownerEmail = uniqueEmail("aar-conflict");
  await signUpWithTeam(page, ownerEmail, "Conflict Team");
  const { teamId, userId } = await teamOf(ownerEmail);
  const otherEmail = uniqueEmail("aar-other");
  await addMember(teamId, otherEmail, "Olive Other", "EDITOR");
  const incident = await seedIncident(teamId, userId, "Concurrent edits");

  const mine = new ReportEditorPage(page, incident.incidentId);
  await mine.open();
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await signIn(otherPage, otherEmail);
  await expect(otherPage.getByRole("navigation", { name: "Main" })).toBeVisible();
  const theirs = new ReportEditorPage(otherPage, incident.incidentId);
  await theirs.open();

  await theirs.write("Trigger", "Their trigger text.");
  // I started from the same version: editing the same section conflicts. Their text is
  // shown and mine stays in the editor.
  await page.getByLabel("Trigger", { exact: true }).fill("My trigger text.");
  const alert = page
    .getByRole("alert")
    .filter({ hasText: "Someone else saved changes to the same section" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Their trigger text.");
  await expect(page.getByTestId("save-state")).toContainText("Not saved");
  await expect(page.getByLabel("Trigger", { exact: true })).toHaveValue("My trigger text.");
  await alert.getByRole("button", { name: "Keep my text and save it" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");

  // They are now a version behind, but a different section merges without a conflict and
  // their editor picks up my trigger text.
  await theirs.write("Detection", "Their detection text.");
  await expect(otherPage.getByLabel("Trigger", { exact: true })).toHaveValue("My trigger text.");
  await page.reload();
  await expect(page.getByLabel("Detection", { exact: true })).toHaveValue("Their detection text.");
  await expect(page.getByLabel("Trigger", { exact: true })).toHaveValue("My trigger text.");
  await otherContext.close();
});

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signUpWithTeam, uniqueEmail } from "./support/auth";
import { pdfPages } from "./support/pdf";
import { closeReportDb, seedIncident, teamOf } from "./support/report-db";

// A 2 × 2 PNG (a real screenshot would do the same; the type is read from the bytes).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==",
  "base64",
);

function imagesIn(pdf: Buffer): number {
  const dir = mkdtempSync(path.join(tmpdir(), "att-pdf-"));
  const file = path.join(dir, "r.pdf");
  writeFileSync(file, pdf);
  try {
    const list = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" });
    return list.trim().split("\n").slice(2).length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test.afterAll(async () => {
  await closeReportDb();
});

test("screenshots uploaded to a timeline event and a report section appear in the report and its PDF; an SVG is refused on the field", async ({
  page,
}) => {
  const email = uniqueEmail("attach");
  await signUpWithTeam(page, email, "Attach Team");
  const { teamId, userId } = await teamOf(email);
  const incident = await seedIncident(teamId, userId, "Replica lag");
  await page.goto(`/incidents/${incident.incidentId}/report`);
  const panel = page.getByRole("region", { name: "Attachments" });
  await expect(panel).toContainText("No files yet.");

  // An SVG named .png is refused, with the reason under the file field.
  await panel.getByLabel("File", { exact: true }).setInputFiles({
    name: "chart.png",
    mimeType: "image/png",
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  });
  await panel.getByRole("button", { name: "Attach file" }).click();
  await expect(panel.getByLabel("File", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(panel).toContainText("HTML, SVG and XML files are not accepted");

  await panel
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "alert.png", mimeType: "image/png", buffer: PNG });
  await panel
    .getByLabel("Shown with")
    .selectOption({ label: "Timeline: 2026-01-10 14:04 UTC 5xx rate alert fired" });
  await panel.getByLabel("Caption (optional)").fill("The 5xx alert panel");
  await panel.getByRole("button", { name: "Attach file" }).click();
  await expect(panel.getByRole("status")).toHaveText("alert.png attached.");
  await expect(panel.getByRole("list", { name: "Attached files" })).toContainText("alert.png");

  await panel
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "p99.png", mimeType: "image/png", buffer: PNG });
  await panel
    .getByLabel("Shown with")
    .selectOption({ label: "Report section: Summary and impact" });
  await panel.getByLabel("Caption (optional)").fill("p99 latency during the outage");
  await panel.getByRole("button", { name: "Attach file" }).click();
  await expect(panel.getByRole("status")).toHaveText("p99.png attached.");

  // The report as printed: both images beside what they belong to, with their captions.
  await page.goto(`/print/incidents/${incident.incidentId}/report`);
  const report = page.getByRole("article");
  await expect(report.getByRole("img", { name: "The 5xx alert panel" })).toBeVisible();
  await expect(report.getByRole("img", { name: "p99 latency during the outage" })).toBeVisible();
  const loaded = await report
    .getByRole("img", { name: "p99 latency during the outage" })
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth);
  expect(loaded).toBe(2);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  expect(pdfPages(pdf).join(" ")).toContain("p99 latency during the outage");
  expect(imagesIn(pdf)).toBeGreaterThanOrEqual(2);
});

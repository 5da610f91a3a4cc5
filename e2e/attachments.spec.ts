import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { IncidentPage } from "./pages/incident-page";
import { ReportEditorPage } from "./pages/report-editor";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { pdfPages } from "./support/pdf";
import {
  addMember,
  closeReportDb,
  latestVersionId,
  seedIncident,
  teamOf,
} from "./support/report-db";
import { grantPortalAccess, shareLinkFor } from "./support/share-db";

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

/** Uploads through an "Attach a file" disclosure (beside a timeline event or a report section). */
async function attachInline(place: Locator, file: string, caption: string) {
  await place.getByText("Attach a file").click();
  await place.getByLabel("File", { exact: true }).setInputFiles({
    name: file,
    mimeType: "image/png",
    buffer: PNG,
  });
  await place.getByLabel("Caption (optional)").fill(caption);
  await place.getByRole("button", { name: "Attach file" }).click();
  await expect(place.getByRole("status")).toHaveText(`${file} attached.`);
  // The list beside it comes from the server after the upload.
  await expect(place.getByRole("link", { name: file })).toBeVisible();
}

/** Width in pixels of the image with this alt text once loaded (0: broken), or null if absent. */
async function imageWidth(page: Page, alt: string): Promise<number | null> {
  const img = page.getByRole("img", { name: alt });
  if ((await img.count()) === 0) return null;
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete)).toBe(true);
  return img.evaluate((el: HTMLImageElement) => el.naturalWidth);
}

/** The print view as a PDF: its text and how many raster images it embeds. */
async function printed(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  await page.emulateMedia({ media: "screen" });
  return { text: pdfPages(pdf).join(" "), images: imagesIn(pdf) };
}

const EVENT_CAPTION = "The 5xx alert as it fired";
const SECTION_CAPTION = "Checkout error rate during the outage";

test("files uploaded beside a timeline event and inside a report section reach the shared link, the portal and their PDFs; the customer version shows only its own", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const ownerEmail = uniqueEmail("attach.path");
  await signUpWithTeam(page, ownerEmail, "Evidence Path Team");
  const { teamId, userId } = await teamOf(ownerEmail);
  const reviewerEmail = uniqueEmail("attach.reviewer");
  await addMember(teamId, reviewerEmail, "Riley Reviewer", "EDITOR");
  const incident = await seedIncident(teamId, userId, "Checkout errors after failover");

  // Beside the timeline event, on the incident's page.
  const overview = new IncidentPage(page);
  await overview.goto(incident.incidentId);
  await attachInline(overview.event("5xx rate alert fired"), "alert.png", EVENT_CAPTION);
  await expect(
    overview.event("Restarted the connection pooler").getByRole("link", { name: "alert.png" }),
  ).toHaveCount(0);

  // Inside the report section, in the editor.
  const editor = new ReportEditorPage(page, incident.incidentId);
  await editor.open();
  await editor.write("Summary", "Checkout failed for 65 minutes after a database failover.");
  await attachInline(
    page.getByRole("region", { name: "Summary and impact" }),
    "errors.png",
    SECTION_CAPTION,
  );
  // The report page's panel lists both, each with where it is shown.
  const files = page
    .getByRole("region", { name: "Attachments" })
    .getByRole("list", { name: "Attached files" });
  await expect(files).toContainText("Timeline: 2026-01-10 14:04 UTC 5xx rate alert fired");
  await expect(files).toContainText("Section: Summary and impact");

  await editor.requestReview("Riley Reviewer");
  const reviewerContext = await browser.newContext();
  const reviewerPage = await reviewerContext.newPage();
  await signIn(reviewerPage, reviewerEmail);
  const reviewerEditor = new ReportEditorPage(reviewerPage, incident.incidentId);
  await reviewerEditor.open();
  await reviewerEditor.approve();
  await reviewerContext.close();
  await editor.open();
  await editor.publish(1);

  const version = {
    versionId: await latestVersionId(incident.incidentId),
    userId,
    incidentId: incident.incidentId,
    teamId,
    number: 0,
    title: incident.title,
  };
  const internalLink = await shareLinkFor(version, "manager@example.test", "INTERNAL");
  const customerLink = await shareLinkFor(version, "buyer@example.test", "CUSTOMER");

  // Someone with the link, not signed in.
  const linkContext = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.90" },
  });
  const reader = await linkContext.newPage();
  await reader.goto(`/r/${internalLink}`);
  expect(await imageWidth(reader, EVENT_CAPTION)).toBe(2);
  expect(await imageWidth(reader, SECTION_CAPTION)).toBe(2);
  const eventFile = await reader.getByRole("img", { name: EVENT_CAPTION }).getAttribute("src");
  expect(eventFile).toMatch(new RegExp(`^/r/${internalLink}/files/`));
  // Served through the proxy with the file's own policy, not the pages' (an opened file runs nothing).
  const served = await linkContext.request.get(eventFile!);
  expect(served.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  const internalPdf = await printed(reader, `/r/${internalLink}/print`);
  expect(internalPdf.text).toContain(EVENT_CAPTION);
  expect(internalPdf.text).toContain(SECTION_CAPTION);
  expect(internalPdf.images).toBeGreaterThanOrEqual(2);

  // The customer version: the section's file, not the timeline's (events are internal detail).
  await reader.goto(`/r/${customerLink}`);
  expect(await imageWidth(reader, SECTION_CAPTION)).toBe(2);
  expect(await imageWidth(reader, EVENT_CAPTION)).toBeNull();
  const eventId = eventFile!.split("/").at(-1)!;
  const refused = await linkContext.request.get(`/r/${customerLink}/files/${eventId}`);
  expect(refused.status()).toBe(404);
  const customerPdf = await printed(reader, `/r/${customerLink}/print`);
  expect(customerPdf.text).toContain(SECTION_CAPTION);
  expect(customerPdf.text).not.toContain(EVENT_CAPTION);
  expect(customerPdf.images).toBeGreaterThanOrEqual(1);
  expect(customerPdf.images).toBeLessThan(internalPdf.images);
  await linkContext.close();

  // Portal readers: one granted the internal report, one the customer version.
  for (const [audience, expectEvent] of [
    ["INTERNAL", true],
    ["CUSTOMER", false],
  ] as const) {
    const stakeholder = uniqueEmail(`attach.portal.${audience.toLowerCase()}`);
    await grantPortalAccess(version.versionId, stakeholder, undefined, audience);
    const context = await browser.newContext({
      extraHTTPHeaders: { "x-forwarded-for": "198.51.100.91" },
    });
    const portal = await context.newPage();
    await signIn(portal, stakeholder, `/portal/reports/${version.versionId}`);
    await expect(portal.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await imageWidth(portal, SECTION_CAPTION)).toBe(2);
    expect(await imageWidth(portal, EVENT_CAPTION)).toBe(expectEvent ? 2 : null);
    const refusedHere = await context.request.get(`/api/attachments/${eventId}`);
    expect(refusedHere.status()).toBe(expectEvent ? 200 : 404);
    const pdf = await printed(portal, `/portal/reports/${version.versionId}/print`);
    expect(pdf.text).toContain(SECTION_CAPTION);
    if (expectEvent) {
      expect(pdf.text).toContain(EVENT_CAPTION);
      expect(pdf.images).toBe(internalPdf.images);
    } else {
      expect(pdf.text).not.toContain(EVENT_CAPTION);
      expect(pdf.images).toBe(customerPdf.images);
    }
    await context.close();
  }
});

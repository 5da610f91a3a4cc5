// Stakeholders save the report as PDF (issue 12): from the shared page and from the portal, a
// print view of exactly what they may read (the internal report or the customer version, as
// the link or grant says), with the report's print rules. The PDF's text is extracted with
// pdftotext: title, sections and causes are there, every page carries the title and its number,
// no page but the last is mostly empty, and the customer version names no one.
import { expect, test, type Page } from "@playwright/test";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { largeReportSource } from "./support/large-report";
import { pdfPages } from "./support/pdf";
import {
  grantPortalAccess,
  publishReportFor,
  revokeShareLink,
  shareLinkFor,
} from "./support/share-db";

const CAUSE = "Disk snapshots of production were never enabled";
const SECTIONS = ["Summary and impact", "What was expected", "Why there was a difference"];

/** Prints the print view to PDF and checks the layout rules; returns the text of every page. */
async function printedPages(page: Page, title: RegExp): Promise<string[]> {
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  // The button prints (its script runs under the page's CSP nonce).
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await page.getByRole("button", { name: "Print or save as PDF" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  await page.emulateMedia({ media: "print" });
  // The rules that keep headings with their text and rows whole hold in this document too
  // (and the phone layout's stacked table does not leak into print).
  const rules = await page.evaluate(() => ({
    table: [...document.querySelectorAll(".report-view table")].map(
      (t) => getComputedStyle(t).display,
    ),
    rows: [...document.querySelectorAll(".report-view tr")].map(
      (r) => getComputedStyle(r).breakInside,
    ),
    headings: [...document.querySelectorAll(".report-view h2, .report-view h3")].map(
      (h) => getComputedStyle(h).breakAfter,
    ),
  }));
  expect(rules.table).toEqual(["table"]);
  expect(new Set(rules.rows)).toEqual(new Set(["avoid"]));
  expect(new Set(rules.headings)).toEqual(new Set(["avoid"]));

  const pages = pdfPages(await page.pdf({ format: "A4", printBackground: true }));
  console.log(
    `[pdf] ${new URL(page.url()).pathname.split("/")[1]}: ${pages.length} pages, characters per page ${pages.map((p) => p.length).join(", ")}`,
  );
  for (const p of pages) console.log(`[pdf] page: ${p.slice(0, 160)} … ${p.slice(-200)}`);
  expect(pages.length).toBeGreaterThan(1);
  pages.forEach((text, i) => {
    expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    expect(text).toMatch(title);
    // A section heading never ends a page: its content follows it on the same page.
    const body = text.replace(/Page \d+ of \d+/, "").trim();
    for (const s of SECTIONS)
      expect(body.endsWith(s), `page ${i + 1} ends with "${s}"`).toBe(false);
  });
  for (const text of pages.slice(0, -1)) expect(text.length).toBeGreaterThan(800);
  const all = pages.join(" ");
  for (const s of SECTIONS) expect(all).toContain(s);
  expect(all).toContain(CAUSE);
  return pages;
}

test("a shared link's reader saves the internal report or the customer version as PDF", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const owner = uniqueEmail("pdf.owner");
  await signUpWithTeam(page, owner, "PDF Team");
  // A title naming a member: the customer version's title replaces the name.
  const title = "Primary database deleted by Yorick Peterson";
  const report = await publishReportFor(owner, title, undefined, largeReportSource(title));
  const internal = await shareLinkFor(report, "manager@example.test", "INTERNAL");
  const customer = await shareLinkFor(report, "customer@example.test", "CUSTOMER");

  const context = await browser.newContext();
  const reader = await context.newPage();
  await reader.goto(`/r/${internal}`);
  await reader.getByRole("link", { name: "Print or save as PDF" }).click();
  await expect(reader).toHaveURL(new RegExp(`/r/${internal}/print$`));
  await expect(reader).toHaveTitle(`INC-${report.number}: ${title} · Hindsight`);
  await expectNoA11yViolations(reader);
  const internalText = (await printedPages(reader, /Primary database deleted by Yorick/)).join(" ");
  // The internal report names people; the customer version below does not.
  expect(internalText).toContain("Yorick Peterson");

  await reader.emulateMedia({ media: "screen" });
  await reader.goto(`/r/${customer}`);
  // The tab shows the customer version's title, as its heading does, never the internal one.
  const customerTitle = (await reader.getByRole("heading", { level: 1 }).textContent())!;
  expect(customerTitle).toMatch(
    /^INC-\d+: Primary database deleted by (the incident commander|a responder)$/,
  );
  await expect(reader).toHaveTitle(`${customerTitle} · Hindsight`);
  await reader.getByRole("link", { name: "Print or save as PDF" }).click();
  await expect(reader).toHaveTitle(`${customerTitle} · Hindsight`);
  const customerText = (await printedPages(reader, /Primary database deleted by/)).join(" ");
  expect(customerText).toContain("INCIDENT REPORT"); // the customer heading, upper-cased by CSS
  for (const leak of ["Yorick", "Peterson", "@example.test", owner, "E2E Publisher"])
    expect(customerText, `customer PDF contains ${leak}`).not.toContain(leak);

  // A revoked link prints nothing.
  await revokeShareLink(customer);
  const revoked = await reader.goto(`/r/${customer}/print`);
  expect(revoked?.status()).toBe(404);
  await context.close();
});

test("a portal reader saves the report their grant allows as PDF, in the grant's audience", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const owner = uniqueEmail("pdf.portal.owner");
  await signUpWithTeam(page, owner, "PDF Portal Team");
  const report = await publishReportFor(
    owner,
    "Backups were empty",
    undefined,
    largeReportSource("Backups were empty"),
  );
  const other = await publishReportFor(owner, "Not granted");
  const stakeholder = uniqueEmail("pdf.customer");
  await grantPortalAccess(report.versionId, stakeholder, undefined, "CUSTOMER");

  const context = await browser.newContext();
  const reader = await context.newPage();
  await signIn(reader, stakeholder, `/portal/reports/${report.versionId}`);
  await reader.getByRole("link", { name: "Print or save as PDF" }).click();
  await expect(reader).toHaveURL(new RegExp(`/portal/reports/${report.versionId}/print$`));
  const text = (await printedPages(reader, /Backups were empty/)).join(" ");
  for (const leak of ["Yorick", "@example.test", owner])
    expect(text, `customer PDF contains ${leak}`).not.toContain(leak);

  // Another report of the same team, not granted to this address: not found.
  const refused = await reader.goto(`/portal/reports/${other.versionId}/print`);
  expect(refused?.status()).toBe(404);
  await context.close();
});

test("signing in to print the customer version returns to the customer version", async ({
  page,
  browser,
}) => {
  const owner = uniqueEmail("pdf.return.owner");
  await signUpWithTeam(page, owner, "PDF Return Team");
  const report = await publishReportFor(owner, "Cache stampede");
  const context = await browser.newContext();
  const anonymous = await context.request.get(
    `/print/reports/${report.versionId}?audience=customer`,
    { maxRedirects: 0 },
  );
  expect(anonymous.status()).toBe(307);
  const location = new URL(anonymous.headers()["location"]!, "http://x");
  expect(location.pathname).toBe("/sign-in");
  expect(location.searchParams.get("callbackUrl")).toBe(
    `/print/reports/${report.versionId}?audience=customer`,
  );
  await context.close();
});

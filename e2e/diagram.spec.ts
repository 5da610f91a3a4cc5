import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { layoutWhyDiagram } from "../lib/whys/diagram-layout";
import { OUTAGE_PROBLEM, outageTree, outageTree20 } from "../lib/whys/sample-trees";
import { buildTree } from "../lib/whys/tree";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { pdfPages } from "./support/pdf";
import { createShareLinks, grantPortalAccess, publishReportFor } from "./support/share-db";
import { addWhyTree, createIncidentFor } from "./support/whys-db";

/** Page sizes in points, one per page, as poppler's pdfinfo reports them. */
function pdfPageSizes(pdf: Buffer): { width: number; height: number }[] {
  const dir = mkdtempSync(path.join(tmpdir(), "diagram-pdf-"));
  const file = path.join(dir, "diagram.pdf");
  writeFileSync(file, pdf);
  try {
    const info = execFileSync("pdfinfo", ["-f", "1", "-l", "999", file], { encoding: "utf8" });
    return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
      width: Number(m[1]),
      height: Number(m[2]),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first wrapped line of each box: what a reader of the printed page finds for each cause. */
function firstLines(problem: string, nodes: ReturnType<typeof outageTree>) {
  return layoutWhyDiagram(problem, buildTree(nodes)).nodes.map((n) =>
    n.lines.find((l) => l.style === "text" || l.style === "problem")!.text.trimEnd(),
  );
}

async function transformOf(locator: Locator) {
  return locator.evaluate((el) => (el as HTMLElement).style.transform);
}

async function pressUntilFocused(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("never reached by Tab");
}

test("the Diagram tab draws the whole tree, zooms and pans from the keyboard, and downloads SVG and PNG", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("diagram");
  await signUpWithTeam(page, email, "Diagram Drawers");
  const { incidentId } = await createIncidentFor(email, {
    title: "Database outage",
    customerImpact: OUTAGE_PROBLEM,
  });
  const nodes = outageTree();
  await addWhyTree(incidentId, nodes);

  await page.goto(`/incidents/${incidentId}/whys`);
  await page.getByRole("tab", { name: "Diagram" }).click();
  const svg = page.getByRole("img", { name: "5 Whys diagram" });
  await expect(svg).toBeVisible();
  await expect(svg.locator("[data-node]")).toHaveCount(18);
  await expect(svg.locator("[data-edge]")).toHaveCount(17);
  await expect(svg.locator('[data-kind="root"]')).toHaveCount(7);
  await expect(svg).toContainText("Restores were never tested");
  await expect(svg.locator(`[data-node="${incidentId}-b1x"]`)).toContainText(
    "◆ Root cause · Testing",
  );

  // Fitted on open: the whole drawing is inside the viewport.
  const viewport = page.getByTestId("diagram-viewport");
  const box = (await viewport.boundingBox())!;
  const drawn = (await svg.boundingBox())!;
  expect(drawn.x).toBeGreaterThanOrEqual(box.x - 1);
  expect(drawn.x + drawn.width).toBeLessThanOrEqual(box.x + box.width + 1);
  expect(drawn.y + drawn.height).toBeLessThanOrEqual(box.y + box.height + 1);

  // Zoom by keyboard on the labelled buttons; focus is visible on each.
  const zoomIn = page.getByRole("button", { name: "Zoom in" });
  await pressUntilFocused(page, zoomIn);
  expect(await zoomIn.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  const zoom = page.getByTestId("diagram-zoom");
  const before = Number((await zoom.textContent())!.match(/\d+/)![0]);
  await page.keyboard.press("Enter");
  await expect(zoom).not.toHaveText(`Zoom ${before}%`);
  const after = Number((await zoom.textContent())!.match(/\d+/)![0]);
  expect(after).toBeGreaterThan(before);
  await page.keyboard.press("Tab"); // Zoom out
  await expect(page.getByRole("button", { name: "Zoom out" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(zoom).toHaveText(`Zoom ${before}%`);

  // Pan with the arrow keys on the focused diagram; 0 fits it again.
  const holder = svg.locator("xpath=..");
  await pressUntilFocused(page, viewport);
  expect(await viewport.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  const fitted = await transformOf(holder);
  await page.keyboard.press("+");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => transformOf(holder)).not.toBe(fitted);
  await page.keyboard.press("0");
  await expect.poll(() => transformOf(holder)).toBe(fitted);

  // SVG download: a standalone file with every box.
  const [svgFile] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download SVG" }).click(),
  ]);
  expect(svgFile.suggestedFilename()).toMatch(/^incident-\d+-5-whys\.svg$/);
  const svgText = readFileSync(await svgFile.path(), "utf8");
  expect(svgText).toMatch(
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
  );
  expect(svgText.match(/data-node="/g)).toHaveLength(18);
  expect(svgText.match(/data-edge="/g)).toHaveLength(17);
  expect(svgText).toContain("Restores were never tested");
  expect(svgText).not.toContain("transform");

  // PNG download: a real PNG at twice the diagram's size.
  const [pngFile] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download PNG" }).click(),
  ]);
  expect(pngFile.suggestedFilename()).toMatch(/\.png$/);
  const png = readFileSync(await pngFile.path());
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = Number(await svg.getAttribute("width"));
  expect(png.readUInt32BE(16)).toBe(width * 2);
  expect(png.length).toBeGreaterThan(20_000); // drawn, not a blank canvas

  // The indented list stays available as the text alternative.
  await page.getByText("Show the diagram as a list").click();
  await expect(page.getByRole("figure", { name: "5 Whys as a list" })).toContainText(
    "Root cause · Monitoring and detection",
  );
  await expectNoA11yViolations(page);
});

test("the printable diagram of a 20-cause tree fits one landscape page", async ({ page }) => {
  const email = uniqueEmail("diagram.print");
  await signUpWithTeam(page, email, "Diagram Printers");
  const { incidentId } = await createIncidentFor(email, {
    title: "Database outage",
    customerImpact: OUTAGE_PROBLEM,
  });
  const nodes = outageTree20();
  await addWhyTree(incidentId, nodes);
  await page.goto(`/incidents/${incidentId}/whys/diagram`);
  await expect(
    page.getByRole("img", { name: "5 Whys diagram" }).locator("[data-node]"),
  ).toHaveCount(21);
  await expectNoA11yViolations(page);

  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const sizes = pdfPageSizes(pdf);
  expect(sizes).toHaveLength(1);
  expect(sizes[0].width).toBeGreaterThan(sizes[0].height);
  const [text] = pdfPages(pdf);
  for (const line of firstLines(OUTAGE_PROBLEM, nodes)) expect(text).toContain(line);
});

test("the shared report shows the diagram without JavaScript and prints it on a landscape page", async ({
  page,
  browser,
}) => {
  const owner = uniqueEmail("diagram.share");
  await signUpWithTeam(page, owner, "Diagram Sharers");
  const nodes = outageTree20();
  const report = await publishReportFor(owner, "Database outage", undefined, {
    whyNodes: nodes,
    actionItems: [],
  });
  const [token] = await createShareLinks(report, 1);

  // The page ships no script (checked in its HTML); axe needs the browser's JavaScript to run.
  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  const response = await readerPage.goto(`/r/${token}`);
  expect(await response!.text()).not.toContain("<script");
  const svg = readerPage.getByRole("img", { name: "5 Whys diagram" });
  await expect(svg.locator("[data-node]")).toHaveCount(21);
  await expect(svg.locator("[data-edge]")).toHaveCount(20);
  await expect(svg.locator('[data-kind="root"]')).toHaveCount(8);
  // Fitted to the report's width…
  const region = readerPage.getByRole("region", { name: /5 Whys diagram/ });
  const fitted = (await svg.boundingBox())!;
  expect(fitted.width).toBeLessThanOrEqual((await region.boundingBox())!.width);
  // …and at full size by a plain link (no script), scrolling sideways inside its box.
  await readerPage.getByRole("link", { name: "Open at full size" }).click();
  await expect
    .poll(async () => (await svg.boundingBox())!.width)
    .toBe(Number(await svg.getAttribute("width")));
  await expectNoA11yViolations(readerPage);

  await readerPage.emulateMedia({ media: "print" });
  const pdf = await readerPage.pdf({ preferCSSPageSize: true, printBackground: true });
  const sizes = pdfPageSizes(pdf);
  const pages = pdfPages(pdf);
  const lines = firstLines(layoutProblem(), nodes);
  const diagramPage = pages.findIndex((p) => lines.every((l) => p.includes(l)));
  // Drawn once, on the last page, in landscape; the report itself stays portrait and its pages
  // stay filled (a page break before a landscape page in mid-report would leave one half empty).
  expect(diagramPage, "one page holds every box of the diagram").toBe(pages.length - 1);
  expect(sizes[diagramPage].width).toBeGreaterThan(sizes[diagramPage].height);
  for (const size of sizes.slice(0, -1)) expect(size.width).toBeLessThan(size.height);
  for (const text of pages.slice(0, -2)) expect(text.length).toBeGreaterThan(500);
  expect(pages.join(" ")).toContain("The diagram is printed on the last page, in landscape.");
  await reader.close();
});

/** Downloads the diagram by its link on a reader page and checks the file as a browser parses it. */
async function downloadDiagram(page: Page, expected: { nodes: number; edges: number }) {
  const link = page.getByRole("link", { name: "Download the 5 Whys diagram (SVG)" });
  await expect(link).toBeVisible();
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(file.suggestedFilename()).toMatch(/^incident-\d+-5-whys\.svg$/);
  const text = readFileSync(await file.path(), "utf8");
  expect(text).toMatch(
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
  );
  // Well-formed XML (an HTML-only construct would be a parser error) with every box and connector.
  const parsed = await page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    return {
      error: doc.getElementsByTagName("parsererror").length,
      root: doc.documentElement.localName,
      nodes: doc.querySelectorAll("[data-node]").length,
      edges: doc.querySelectorAll("[data-edge]").length,
      title: doc.querySelector("title")?.textContent,
    };
  }, text);
  expect(parsed).toEqual({ error: 0, root: "svg", ...expected, title: "5 Whys diagram" });

  // Served as a download that no browser runs or sniffs.
  const response = await page.request.get(await link.getAttribute("href").then((h) => h!));
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["content-disposition"]).toMatch(
    /^attachment; filename="incident-\d+-5-whys\.svg"/,
  );
  expect(headers["content-security-policy"]).toContain("default-src 'none'");
  expect(headers["content-security-policy"]).toContain("sandbox");
  return text;
}

test("stakeholders download the diagram as SVG from the shared page and the portal, without JavaScript", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const owner = uniqueEmail("diagram.download");
  await signUpWithTeam(page, owner, "Diagram Downloaders");
  const report = await publishReportFor(owner, "Database outage", undefined, {
    whyNodes: outageTree20(),
    actionItems: [],
  });
  const [token] = await createShareLinks(report, 1);
  const expected = { nodes: 21, edges: 20 };

  const reader = await browser.newContext({ javaScriptEnabled: false });
  const readerPage = await reader.newPage();
  await readerPage.goto(`/r/${token}`);
  await expect(readerPage.getByRole("img", { name: "5 Whys diagram" })).toBeVisible();
  const link = readerPage.getByRole("link", { name: "Download the 5 Whys diagram (SVG)" });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute("href", `/r/${token}/diagram.svg`);
  await reader.close();
  // DOMParser needs JavaScript in the test's own page (the reader's page has none to run).
  const shared = await browser.newContext();
  const sharedPage = await shared.newPage();
  await sharedPage.goto(`/r/${token}`);
  const file = await downloadDiagram(sharedPage, expected);
  expect(file).toContain("Checkout failed for 65 minutes");
  await shared.close();

  const stakeholder = uniqueEmail("diagram.portal");
  await grantPortalAccess(report.versionId, stakeholder);
  const portal = await browser.newContext();
  const portalPage = await portal.newPage();
  await signIn(portalPage, stakeholder, `/portal/reports/${report.versionId}`);
  await expect(portalPage.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await downloadDiagram(portalPage, expected)).toBe(file);
  // Another team's reader, or nobody: the same not-found answer as the report.
  const outsider = await browser.newContext();
  const refused = await outsider.request.get(`/r/unknown-token-0123456789abcdefghij/diagram.svg`);
  expect([404, 429]).toContain(refused.status());
  expect(
    (await outsider.request.get(`/portal/reports/${report.versionId}/diagram.svg`)).status(),
  ).toBe(401);
  await outsider.close();
  await portal.close();
});

/** The problem statement publishReportFor's sample source carries. */
function layoutProblem() {
  return "Checkout failed for 65 minutes";
}

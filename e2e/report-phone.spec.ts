// A large report read on a phone (issue 12): the shared link, the portal and the team's report
// page at 360 and 390 pixels wide. The page must not scroll sideways, the action items table
// becomes one block per item with "label: value" lines, a deep 5 Whys branch keeps most of the
// width for its text, and a table of contents links every section (plain links: the shared
// page ships no JavaScript).
import { expect, test, type Page } from "@playwright/test";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { largeReportSource } from "./support/large-report";
import { grantPortalAccess, publishReportFor, shareLinkFor } from "./support/share-db";

const PHONES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
];
const DEEPEST = "Database hosts were set up before the configuration repository existed";

async function expectReadableOnPhone(page: Page, label: string) {
  for (const viewport of PHONES) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => window.scrollTo(0, 0));
    const size = await page.evaluate(() => {
      const el = document.scrollingElement!;
      return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, height: el.scrollHeight };
    });
    console.log(`[phone] ${label} at ${viewport.width}px: ${size.height} px tall`);
    expect(
      size.scrollWidth,
      `${label} scrolls sideways at ${viewport.width}px`,
    ).toBeLessThanOrEqual(size.clientWidth);

    // Every action item is a block whose cells say what they are, inside the screen.
    const addresses = page.locator('.report-view td[data-label="Addresses"]');
    await expect(addresses).toHaveCount(8);
    for (const cell of await addresses.all()) {
      const box = (await cell.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(await cell.evaluate((td) => getComputedStyle(td, "::before").content)).toBe(
        '"Addresses: "',
      );
    }
    await expect(page.locator(".report-view thead").first()).toBeHidden();

    // The seventh level of the 5 Whys (the indented list, which sits under the drawn diagram in
    // a disclosure when the report has one) still has most of the screen for its text.
    await page
      .locator(".report-view details:has(.why-diagram)")
      .evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const deepest = page.locator(".why-diagram p", { hasText: DEEPEST });
    const width = (await deepest.boundingBox())!.width;
    expect(width, `deepest cause is ${width}px wide`).toBeGreaterThan(viewport.width * 0.55);

    // The contents link every section heading, in order, and each link jumps to it.
    const ids = await page
      .locator('.report-view h2[id^="section-"]')
      .evaluateAll((hs) => hs.map((h) => h.id));
    expect(ids.length).toBeGreaterThanOrEqual(5);
    const contents = page.getByRole("navigation", { name: "Contents" });
    await expect(contents).toBeVisible();
    const hrefs = await contents
      .getByRole("link")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(ids.map((id) => `#${id}`));
    for (const id of [...ids].reverse()) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await contents.locator(`a[href="#${id}"]`).click();
      await expect(page).toHaveURL(new RegExp(`#${id}$`));
      // The heading is brought to the top of the screen (below its scroll margin).
      await expect
        .poll(() => page.locator(`[id="${id}"]`).evaluate((h) => h.getBoundingClientRect().top))
        .toBeLessThan(48);
      expect(
        await page.locator(`[id="${id}"]`).evaluate((h) => h.getBoundingClientRect().top),
      ).toBeGreaterThanOrEqual(0);
    }
    await expectNoA11yViolations(page);
  }
}

test("a large shared report reads on a phone: no sideways scrolling, stacked action items, contents", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const owner = uniqueEmail("phone.owner");
  await signUpWithTeam(page, owner, "Phone Team");
  const report = await publishReportFor(
    owner,
    "Database outage and data loss",
    undefined,
    largeReportSource("Database outage and data loss"),
  );
  const token = await shareLinkFor(report, "reader@example.test");

  const context = await browser.newContext({ viewport: PHONES[0], isMobile: true, hasTouch: true });
  const reader = await context.newPage();
  await reader.goto(`/r/${token}`);
  await expect(
    reader.getByRole("heading", { level: 1, name: /Database outage and data loss/ }),
  ).toBeVisible();
  // The shared page stays a document without JavaScript: the contents are plain links.
  await expect(reader.locator("script")).toHaveCount(0);
  await expectReadableOnPhone(reader, "shared link");
  await context.close();

  // The team's report page (published: the stored HTML inside the workspace layout).
  await page.goto(`/incidents/${report.incidentId}/report`);
  await expect(
    page.getByRole("heading", { level: 2, name: /Database outage and data loss/ }),
  ).toBeVisible();
  await expectReadableOnPhone(page, "team report page");
});

test("a large report in the portal reads on a phone", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const owner = uniqueEmail("phone.portal.owner");
  await signUpWithTeam(page, owner, "Phone Portal Team");
  const report = await publishReportFor(
    owner,
    "Replication lag outage",
    undefined,
    largeReportSource("Replication lag outage"),
  );
  const stakeholder = uniqueEmail("phone.vp");
  await grantPortalAccess(report.versionId, stakeholder);

  const context = await browser.newContext({ viewport: PHONES[0], isMobile: true, hasTouch: true });
  const reader = await context.newPage();
  await signIn(reader, stakeholder, `/portal/reports/${report.versionId}`);
  await expect(
    reader.getByRole("heading", { level: 1, name: /Replication lag outage/ }),
  ).toBeVisible();
  await expectReadableOnPhone(reader, "portal report");
  await context.close();
});

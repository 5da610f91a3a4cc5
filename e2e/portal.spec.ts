import { expect, test } from "@playwright/test";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { grantPortalAccess, publishReportFor } from "./support/share-db";

test("a stakeholder signs in to the portal, finds and reads reports shared with them, never team pages", async ({
  page,
  browser,
}) => {
  const owner = uniqueEmail("portal.owner");
  await signUpWithTeam(page, owner, "Portal Team");
  const stakeholder = uniqueEmail("vp");
  const older = await publishReportFor(owner, "Payment delays");
  const newer = await publishReportFor(owner, "Search outage");
  await publishReportFor(owner, "Not shared");
  await grantPortalAccess(older.versionId, stakeholder);
  await grantPortalAccess(newer.versionId, stakeholder);

  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.200" },
  });
  const reader = await context.newPage();
  await reader.goto("/portal");
  await expect(reader).toHaveURL(/\/sign-in\?callbackUrl=%2Fportal/);
  await signIn(reader, stakeholder, "/portal");
  await expect(reader.getByRole("heading", { name: "Reports shared with you" })).toBeVisible();
  const items = reader.getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText("Search outage");
  await expect(items.nth(1)).toContainText("Payment delays");
  await expect(reader.getByText("Not shared")).toHaveCount(0);
  await expect(reader.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expectNoA11yViolations(reader);

  await reader.getByLabel("Search reports").fill(`INC-${older.number}`);
  await reader.getByRole("button", { name: "Search" }).click();
  await expect(reader.getByRole("listitem")).toHaveCount(1);
  await expect(reader.getByRole("listitem")).toContainText("Payment delays");

  await reader.getByRole("link", { name: /Payment delays/ }).click();
  await expect(reader.getByRole("heading", { level: 1, name: /Payment delays/ })).toBeVisible();
  await expect(reader.getByText("internal.author@example.test")).toHaveCount(0);
  await expectNoA11yViolations(reader);

  // Team pages send a stakeholder back to the portal; another report's id is not found.
  await reader.goto("/incidents");
  await expect(reader).toHaveURL(/\/portal$/);
  const notShared = await reader.goto(`/portal/reports/${older.versionId}x`);
  expect(notShared?.status()).toBe(404);
  await context.close();
});

test("an owner sees and revokes portal access per report", async ({ page, browser }) => {
  const owner = uniqueEmail("grant.owner");
  await signUpWithTeam(page, owner, "Grant Team");
  const report = await publishReportFor(owner, "Queue backlog");
  const stakeholder = uniqueEmail("board");
  await grantPortalAccess(report.versionId, stakeholder);

  await page.goto(`/incidents/${report.incidentId}/report/share`);
  const grant = page.getByTestId("grant-row").filter({ hasText: stakeholder });
  await expect(grant).toBeVisible();
  await grant.getByRole("button", { name: `Revoke access for ${stakeholder}` }).click();
  await expect(page.getByText(`${stakeholder} can no longer read this report.`)).toBeVisible();

  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.201" },
  });
  const reader = await context.newPage();
  await signIn(reader, stakeholder, "/portal");
  await expect(reader.getByText("Nothing has been shared with you yet")).toBeVisible();
  const gone = await reader.goto(`/portal/reports/${report.versionId}`);
  expect(gone?.status()).toBe(404);
  await context.close();
});

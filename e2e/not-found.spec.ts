// Issue 8, item 13: a page for something that does not exist answers HTTP 404, not a 200 page
// that merely says "not found" (crawlers, monitors and link checkers read the status).
import { expect, test } from "@playwright/test";
import { signUpWithTeam, uniqueEmail } from "./support/auth";
import { addMember, closeReportDb, seedIncident, teamOf } from "./support/report-db";

test.afterAll(closeReportDb);

test("missing records and pages answer 404", async ({ page }) => {
  const email = uniqueEmail("nf-owner");
  await signUpWithTeam(page, email, "Not found team");
  const { teamId, userId } = await teamOf(email);
  const { incidentId } = await seedIncident(teamId, userId, "Exists");
  await addMember(teamId, uniqueEmail("nf-editor"), "Ed Editor");

  const urls = [
    "/this-page-does-not-exist",
    `/incidents/${incidentId}/actions/no-such-action`,
    `/incidents/${incidentId}/report/versions/99`,
    "/incidents/no-such-incident",
    "/print/reports/no-such-version",
    "/portal/reports/no-such-version",
    "/r/not-a-real-token-0000000000000000000000",
  ];
  const statuses: Record<string, number | undefined> = {};
  for (const url of urls) statuses[url] = (await page.goto(url))?.status();
  expect(statuses).toEqual(Object.fromEntries(urls.map((u) => [u, 404])));
});

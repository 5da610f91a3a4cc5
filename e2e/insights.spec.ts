import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { addActionItem, addWhy, setLifecycle } from "./support/learning-db";
import { createIncidentFor } from "./support/whys-db";

test("the dashboard shows a team's figures, filters by service in the URL and downloads a chart's CSV", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("analyst");
  await signUpWithTeam(page, email, "Insights Team");
  const now = Date.now();
  const first = await createIncidentFor(email, {
    title: "Database connection pool exhausted",
    customerImpact: "Checkout failed.",
  });
  const second = await createIncidentFor(email, {
    title: "Database connection pool exhausted again",
    customerImpact: "Checkout failed again.",
  });
  const third = await createIncidentFor(email, {
    title: "Slow search",
    customerImpact: "Search was slow.",
  });
  await setLifecycle(first.incidentId, {
    startedAt: new Date(now - 5 * 3600_000),
    detected: 10,
    acknowledged: 15,
    mitigated: 40,
    resolved: 60,
    severity: "SEV1",
    services: ["api", "db"],
  });
  await setLifecycle(second.incidentId, {
    startedAt: new Date(now - 2 * 3600_000),
    detected: 20,
    resolved: 90,
    services: ["api"],
  });
  await setLifecycle(third.incidentId, {
    startedAt: new Date(now - 3600_000),
    severity: "SEV3",
    services: ["search"],
  });
  const cause = await addWhy(
    first.incidentId,
    "Connection pool too small for the failover traffic",
    { category: "CAPACITY" },
  );
  await addActionItem(first.incidentId, "Raise the pool size", {
    whyNodeId: cause,
    status: "DONE",
    completedAt: new Date(now - 4 * 3600_000),
    priority: "P1",
  });
  await addWhy(second.incidentId, "Connection pool too small for failover traffic", {
    category: "CAPACITY",
  });

  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Insights" })
    .click();
  await expect(page).toHaveURL(/\/insights$/);
  await expect(
    page.getByRole("heading", { name: "Insights", level: 1, exact: true }),
  ).toBeVisible();
  await expect(page.getByTestId("chart-severity")).toContainText(
    "3 incidents in the period: 1 SEV1, 1 SEV2, 1 SEV3, 0 SEV4.",
  );
  await expect(page.getByTestId("came-back")).toContainText(
    "This cause came back after its countermeasure was done",
  );
  // The production build groups recurring causes on its worker thread (its own bundle): every
  // view so far was grouped there, none on the main thread (lib/metrics/recurring-pool.ts).
  const scrape = await (
    await page.request.get("/api/metrics", {
      headers: { authorization: `Bearer ${process.env.METRICS_TOKEN}` },
    })
  ).text();
  expect(scrape).toMatch(
    /^hindsight_dashboard_recurring_groupings_total\{thread="worker"\} [1-9]/m,
  );
  expect(scrape).not.toMatch(
    /^hindsight_dashboard_recurring_groupings_total\{thread="main"\} [1-9]/m,
  );
  // Each chart's numbers are also a table (behind a keyboard-operable disclosure).
  const durations = page.getByTestId("chart-durations");
  await durations.getByText("Table of the numbers").focus();
  await page.keyboard.press("Enter");
  const thisMonth = new Date().toISOString().slice(0, 7);
  await expect(
    durations
      .getByRole("row")
      .filter({ hasText: thisMonth })
      .filter({ hasText: "Time to resolve" }),
  ).toContainText("75");
  await expectNoA11yViolations(page);

  await page.getByLabel("Service", { exact: true }).selectOption("search");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/service=search/);
  await expect(page.getByTestId("chart-severity")).toContainText(
    "1 incident in the period: 0 SEV1, 0 SEV2, 1 SEV3, 0 SEV4.",
  );

  const download = page.waitForEvent("download");
  await page
    .getByTestId("chart-severity")
    .getByRole("link", { name: /Download CSV/ })
    .click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(
    /^hindsight-severity-\d{4}-\d{2}-to-\d{4}-\d{2}-search\.csv$/,
  );
  const csv = readFileSync((await file.path())!, "utf8")
    .trim()
    .split("\r\n");
  expect(csv[0]).toBe("Month,SEV1,SEV2,SEV3,SEV4,Total");
  expect(csv.filter((line) => line.endsWith(",0,0,1,0,1"))).toHaveLength(1);
  expect(csv).toHaveLength(13);
});

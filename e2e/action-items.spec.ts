import { expect, test } from "@playwright/test";
import { signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import {
  addMember,
  closeReportDb,
  createActionItem,
  seedIncident,
  teamOf,
} from "./support/report-db";

test.afterAll(async () => {
  await closeReportDb();
});

test("create a countermeasure, filter, highlight overdue and complete action items", async ({
  page,
}) => {
  const email = uniqueEmail("actions");
  await signUpWithTeam(page, email, "Actions Team");
  const { teamId, userId } = await teamOf(email);
  const colleague = await addMember(teamId, uniqueEmail("colleague"), "Casey Colleague");
  const incident = await seedIncident(teamId, userId, "Search latency spike");
  await createActionItem(teamId, incident.incidentId, {
    title: "Late runbook update",
    ownerId: userId,
    dueDate: "2020-01-15",
  });
  await createActionItem(teamId, incident.incidentId, {
    title: "Colleague follow-up",
    ownerId: colleague,
    dueDate: "2099-01-01",
  });

  // From the incident's tab: the root cause without a countermeasure gets one.
  await page.goto(`/incidents/${incident.incidentId}/actions`);
  await expect(
    page.getByRole("heading", { name: "1 root cause without a countermeasure" }),
  ).toBeVisible();
  await page
    .getByRole("link", { name: "Add countermeasure for: Pool connections are never validated" })
    .click();
  await expect(page.getByRole("heading", { name: "Add a countermeasure" })).toBeVisible();

  // Bad input gets field-level errors and nothing is saved.
  await page.getByLabel("Title").fill("Validate pooled connections on borrow");
  await page.getByLabel("Tracker link (optional)").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Create action item" }).click();
  await expect(
    page.getByText("Enter a full http:// or https:// link to the tracker."),
  ).toBeVisible();
  await expect(page.getByLabel("Tracker link (optional)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toHaveValue("Validate pooled connections on borrow");

  await page.getByLabel("Tracker link (optional)").fill("https://tracker.example/OPS-7");
  await page.getByLabel("Due date").fill("2099-06-30");
  await page.getByLabel("Priority").selectOption("P1");
  await page.getByRole("button", { name: "Create action item" }).click();
  await expect(page.getByText("Action item created.")).toBeVisible();
  await expect(page.getByText("root cause without a countermeasure")).toHaveCount(0);
  const created = page
    .getByTestId("action-row")
    .filter({ hasText: "Validate pooled connections on borrow" });
  await expect(created).toContainText("Addresses: Pool connections are never validated");

  // The team page: counts, overdue highlighted with a text label, filters in the URL.
  await page.goto("/actions");
  await expect(page.getByRole("heading", { name: "Action items", level: 1 })).toBeVisible();
  await expect(page.getByTestId("result-count")).toHaveText("3 items");
  const late = page.getByTestId("action-row").filter({ hasText: "Late runbook update" });
  await expect(late.getByTestId("overdue")).toHaveText(/Overdue/);
  await expect(
    page
      .getByTestId("action-row")
      .filter({ hasText: "Colleague follow-up" })
      .getByTestId("overdue"),
  ).toHaveCount(0);
  await expectNoA11yViolations(page);

  await page.getByRole("link", { name: "Overdue (1)" }).click();
  await expect(page).toHaveURL(/overdue=1/);
  await expect(page.getByTestId("result-count")).toHaveText("1 item");

  await page.getByRole("link", { name: "Mine (2)" }).click();
  await expect(page).toHaveURL(/mine=1/);
  await expect(page.getByTestId("action-row")).toHaveCount(2);
  await expect(
    page.getByTestId("action-row").filter({ hasText: "Colleague follow-up" }),
  ).toHaveCount(0);

  await page.goto("/actions");
  await page.getByLabel("Owner").selectOption({ label: "Casey Colleague" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/owner=/);
  await expect(page.getByTestId("action-row")).toHaveCount(1);
  await expect(page.getByTestId("action-row")).toContainText("Colleague follow-up");

  // Completing records who and when; the overdue label goes away.
  await page.goto("/actions");
  await page.getByRole("button", { name: "Mark done: Late runbook update" }).click();
  await expect(
    page.getByTestId("action-row").filter({ hasText: "Late runbook update" }),
  ).toHaveCount(0);
  await page.goto("/actions?status=DONE");
  const done = page.getByTestId("action-row").filter({ hasText: "Late runbook update" });
  await expect(done).toContainText(/Completed by .* on \d{4}-\d{2}-\d{2}/);
  await expect(done.getByTestId("overdue")).toHaveCount(0);
});

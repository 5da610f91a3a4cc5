import { expect, test } from "@playwright/test";
import { signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { IncidentFormPage } from "./pages/incident-form";
import { IncidentPage } from "./pages/incident-page";

test.use({ timezoneId: "Europe/Berlin" });

test("add, edit and delete timeline events, always in time order", async ({ page }) => {
  await signUpWithTeam(page, uniqueEmail("tl"), "Timeline team");
  const id = await new IncidentFormPage(page).create({
    title: "Queue backlog",
    startedAt: "2026-01-10T15:00",
  });
  const incident = new IncidentPage(page);
  await expect(page.getByText("No timeline events yet")).toBeVisible();

  await incident.addEvent({
    time: "2026-01-10T15:10",
    kind: "Action",
    body: "Scaled the workers",
    author: "alice",
  });
  await incident.addEvent({
    time: "2026-01-10T15:02",
    kind: "Alert",
    body: "Queue depth alert fired",
    author: "grafana",
    key: true,
  });
  await expect(incident.events).toHaveCount(2);
  await expect
    .poll(() => incident.eventTexts())
    .toEqual(["Queue depth alert fired", "Scaled the workers"]);
  // Local time shown, UTC on hover.
  await expect(incident.event("Queue depth alert fired").locator("time")).toHaveText(
    "10 Jan 2026, 15:02:00",
  );
  await expect(incident.event("Queue depth alert fired").locator("time")).toHaveAttribute(
    "title",
    "2026-01-10 14:02:00 UTC",
  );
  await expect(incident.event("Queue depth alert fired")).toContainText("Key event");
  await expectNoA11yViolations(page);

  // Moving an event earlier re-orders the timeline.
  await incident.editEvent("Scaled the workers", {
    body: "Scaled the workers to 12",
    time: "2026-01-10T15:01",
  });
  await expect
    .poll(() => incident.eventTexts())
    .toEqual(["Scaled the workers to 12", "Queue depth alert fired"]);

  await incident.deleteEvent("Queue depth alert fired");
  await expect.poll(() => incident.eventTexts()).toEqual(["Scaled the workers to 12"]);

  await page.goto(`/incidents/${id}/history`);
  await expect(page.getByTestId("history-entry").first()).toContainText(
    "deleted a timeline event: “Queue depth alert fired”",
  );
  await expect(page.getByText("edited a timeline event")).toBeVisible();
});

test("import a Slack copy and paste: authors from name lines, 12-hour times", async ({ page }) => {
  await signUpWithTeam(page, uniqueEmail("slack"), "Slack import team");
  await new IncidentFormPage(page).create({
    title: "Replication lag",
    startedAt: "2026-01-10T23:20",
  });
  const incident = new IncidentPage(page);
  await incident.openImport();
  await page
    .getByLabel("Chat log, CSV or JSON")
    .fill(
      "yp\n11:27 PM\ndb1 lag alert fired\nJane Doe\n11:29 PM\nrolled back the deploy\nit is recovering",
    );
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview.getByRole("status")).toHaveText("2 events ready (chat).");
  await preview.getByRole("button", { name: "Import 2 events" }).click();
  await expect(page.getByText("Imported 2 events.")).toBeVisible();
  await expect(incident.event("db1 lag alert fired")).toContainText("yp");
  await expect(incident.event("rolled back the deploy")).toContainText("Jane Doe");
  await expect(incident.event("rolled back the deploy")).toContainText("it is recovering");
  await expect(incident.event("rolled back the deploy").locator("time")).toHaveAttribute(
    "title",
    "2026-01-10 22:29:00 UTC",
  ); // 11:29 PM in Berlin
});

test("import a chat log: preview with the bad line and its reason, then confirm", async ({
  page,
}) => {
  await signUpWithTeam(page, uniqueEmail("imp"), "Import team");
  await new IncidentFormPage(page).create({
    title: "Database failover",
    startedAt: "2026-01-10T23:50",
  });
  const incident = new IncidentPage(page);
  await incident.openImport();

  await page
    .getByLabel("Chat log, CSV or JSON")
    .fill(
      [
        "23:58 alice: failover started",
        "[23:59:30] bob: writes failing",
        "bob: forgot the time",
        "00:02 alice: restarted the primary",
      ].join("\n"),
    );
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview.getByRole("status")).toHaveText(
    "3 events ready, 1 line could not be read (chat).",
  );
  const problem = preview.getByTestId("import-problem");
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText("3");
  await expect(problem).toContainText("No time at the start of the line");
  await expect(preview.getByTestId("import-row")).toHaveCount(3);
  await expect(preview.getByTestId("import-row").last()).toContainText("11 Jan 2026, 00:02:00");
  // Nothing saved yet.
  await expect(incident.events).toHaveCount(0);
  await expectNoA11yViolations(page);

  // The midnight rollover is one of two readings, so the row says which was chosen.
  await expect(preview.getByTestId("import-note")).toHaveText(/next day, 2026-01-11/);
  // Kind and key event are guessed ("restarted" is an action) and can be changed before saving.
  await expect(preview.getByLabel("Kind of line 4")).toHaveValue("ACTION");
  await preview.getByLabel("Kind of line 2").selectOption({ label: "Alert" });
  await preview.getByLabel("Line 2 is a key event").check();

  await preview.getByRole("button", { name: "Import 3 events, skip 1 line" }).click();
  await expect(page.getByText("Imported 3 events.")).toBeVisible();
  await expect(incident.events).toHaveCount(3);
  await expect(incident.event("writes failing")).toContainText("Alert");
  await expect(incident.event("writes failing")).toContainText("Key event");
  await expect(incident.event("restarted the primary")).toContainText("Action");
  await expect
    .poll(() => incident.eventTexts())
    .toEqual(["failover started", "writes failing", "restarted the primary"]);
  await expect(incident.event("restarted the primary").locator("time")).toHaveAttribute(
    "title",
    "2026-01-10 23:02:00 UTC",
  );
});

import { expect, test } from "@playwright/test";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { addMemberToTeamOf } from "./support/db";
import { IncidentFormPage } from "./pages/incident-form";
import { IncidentPage } from "./pages/incident-page";

test.use({ timezoneId: "Europe/Berlin" });

test("create incidents, find them with filters, edit one and see its history", async ({ page }) => {
  await signUpWithTeam(page, uniqueEmail("ic"), "Checkout SRE");
  await expect(page.getByText("No open incidents")).toBeVisible();

  await page.getByRole("link", { name: "Incidents", exact: true }).click();
  await expect(page.getByText("No incidents yet")).toBeVisible();

  const form = new IncidentFormPage(page);
  await form.gotoNew();
  await expectNoA11yViolations(page);
  const firstId = await form.create({
    title: "Checkout API returning 502s",
    severity: "SEV2",
    startedAt: "2026-01-10T15:00",
    detectedAt: "2026-01-10T15:04",
    services: "checkout-api, postgres",
    tags: "database",
    summary: "Writes failed after a failover.",
  });
  // Entered in Berlin time, shown back in Berlin time; 4 minutes to detect.
  await expect(page.getByText("4 min")).toBeVisible();
  await expect(page.locator("time", { hasText: "10 Jan 2026, 15:00" })).toHaveAttribute(
    "title",
    "2026-01-10 14:00:00 UTC",
  );
  await expectNoA11yViolations(page);

  await form.create({
    title: "Search index lagging",
    severity: "SEV4",
    startedAt: "2026-01-12T09:30",
    services: "search",
  });

  await page.goto("/incidents");
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3);
  await expectNoA11yViolations(page);

  await page.getByLabel("Severity").selectOption("SEV2");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/severity=SEV2/);
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("link", { name: /INC-1 Checkout API returning 502s/ })).toBeVisible();

  await page.goto("/incidents?service=search");
  await expect(page.getByLabel("Service")).toHaveValue("search");
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("link", { name: /INC-2 Search index lagging/ })).toBeVisible();

  await page.goto("/incidents?from=2026-01-11&to=2026-01-20&sort=oldest");
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("link", { name: /INC-2/ })).toBeVisible();

  await page.goto("/incidents?status=RESOLVED");
  await expect(page.getByText("No incidents match these filters")).toBeVisible();

  await form.gotoEdit(firstId);
  await form.fill({ title: "Checkout API 502s after failover", status: "Identified" });
  await form.save();
  await expect(
    page.getByRole("heading", { level: 1, name: "Checkout API 502s after failover" }),
  ).toBeVisible();
  await expect(page.getByText("Identified", { exact: true })).toBeVisible();

  await page
    .getByRole("navigation", { name: "Incident" })
    .getByRole("link", { name: "History" })
    .click();
  const latest = page.getByTestId("history-entry").first();
  // One plain sentence per change (issue 9: a History tab people can read).
  await expect(latest).toContainText(
    "changed the title from “Checkout API returning 502s” to “Checkout API 502s after failover”",
  );
  await expect(latest).toContainText("the status from Investigating to Identified");
  await expect(page.getByTestId("history-entry").last()).toContainText("created the incident");

  await page.goto("/");
  await expect(
    page.getByRole("link", { name: /INC-1 Checkout API 502s after failover/ }),
  ).toBeVisible();
});

test("bad input gets field-level messages and keeps what was typed", async ({ page }) => {
  await signUpWithTeam(page, uniqueEmail("val"), "Validation team");
  const form = new IncidentFormPage(page);
  await form.gotoNew();
  await form.fill({
    title: "Times out of order",
    startedAt: "2026-01-10T15:00",
    detectedAt: "2026-01-10T14:00",
    status: "Resolved",
  });
  await page.getByRole("button", { name: "Create incident" }).click();
  await expect(page.getByText("Detected cannot be before started.")).toBeVisible();
  await expect(page.getByLabel("Detected")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toHaveValue("Times out of order");

  await page.getByLabel("Detected").fill("2026-01-10T15:10");
  await page.getByRole("button", { name: "Create incident" }).click();
  await expect(page.getByLabel("Resolved")).toHaveAccessibleDescription(
    /Set the resolved time to mark the incident resolved\./,
  );
  await page.goto("/incidents");
  await expect(page.getByText("No incidents yet")).toBeVisible();
});

test("the second of two concurrent edits sees what changed", async ({ page, browser }) => {
  await signUpWithTeam(page, uniqueEmail("race"), "Race team");
  const form = new IncidentFormPage(page);
  const id = await form.create({ title: "Original title", startedAt: "2026-01-10T15:00" });

  const second = await browser.newContext({
    storageState: await page.context().storageState(),
    timezoneId: "Europe/Berlin",
  });
  const page2 = await second.newPage();
  const form2 = new IncidentFormPage(page2);

  await form.gotoEdit(id);
  await form2.gotoEdit(id);
  await form.fill({ title: "Title from the first tab", severity: "SEV1" });
  await form.save();
  await expect(
    page.getByRole("heading", { level: 1, name: "Title from the first tab" }),
  ).toBeVisible();

  await form2.fill({ title: "Title from the second tab" });
  await form2.save();
  const alert = page2.getByRole("alert").filter({ hasText: "Someone else" });
  await expect(alert).toContainText("Someone else saved this incident while you were editing");
  await expect(alert.getByRole("list", { name: "Changed fields" })).toContainText(
    "Title: Title from the first tab",
  );
  await expect(alert).toContainText("Severity: SEV1");
  await expect(page2.getByLabel("Title")).toHaveValue("Title from the second tab");

  // Re-applying after reading the conflict saves on top of the current version.
  await page2.getByRole("button", { name: "Save my changes anyway" }).click();
  await expect(
    page2.getByRole("heading", { level: 1, name: "Title from the second tab" }),
  ).toBeVisible();
  await second.close();
});

test("another team gets Not found, and a viewer sees no edit controls", async ({
  page,
  browser,
}) => {
  const ownerEmail = uniqueEmail("owner");
  await signUpWithTeam(page, ownerEmail, "Owning team");
  const id = await new IncidentFormPage(page).create({
    title: "Private incident",
    startedAt: "2026-01-10T15:00",
  });
  await new IncidentPage(page).addEvent({ time: "2026-01-10T15:05", body: "Paged the on-call" });

  const outsider = await browser.newContext();
  const outsiderPage = await outsider.newPage();
  await signUpWithTeam(outsiderPage, uniqueEmail("outsider"), "Other team");
  const response = await outsiderPage.goto(`/incidents/${id}`);
  expect(response?.status()).toBe(404);
  await expect(outsiderPage.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(outsiderPage.getByText("Private incident")).toHaveCount(0);
  await outsiderPage.goto(`/incidents/${id}/edit`);
  await expect(outsiderPage.getByRole("heading", { name: "Not found" })).toBeVisible();
  await outsider.close();

  const viewerEmail = uniqueEmail("viewer");
  await addMemberToTeamOf(ownerEmail, viewerEmail, "VIEWER", {
    name: "Vera Viewer",
    timeZone: "America/New_York",
  });
  const viewer = await browser.newContext();
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage, viewerEmail);
  await expect(viewerPage.getByTestId("team-name")).toHaveText("Owning team");
  await viewerPage.goto(`/incidents/${id}`);
  await expect(
    viewerPage.getByRole("heading", { level: 1, name: "Private incident" }),
  ).toBeVisible();
  await expect(viewerPage.getByText("Paged the on-call")).toBeVisible();
  // The viewer's profile zone wins over the browser's: 15:05 in Berlin is 09:05 in New York.
  await expect(viewerPage.getByTestId("timeline-event").locator("time")).toHaveText(
    "10 Jan 2026, 09:05:00",
  );
  await expect(viewerPage.getByRole("link", { name: "Edit incident" })).toHaveCount(0);
  await expect(viewerPage.getByRole("form", { name: "Add event" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /Edit event|Delete event/ })).toHaveCount(0);
  await expect(viewerPage.getByText("Import from Slack, a chat log, CSV or JSON")).toHaveCount(0);
  await viewerPage.goto("/incidents");
  await expect(viewerPage.getByRole("link", { name: "New incident" })).toHaveCount(0);
  await viewerPage.goto(`/incidents/${id}/edit`);
  await expect(viewerPage.getByRole("heading", { name: "Not found" })).toBeVisible();
  await viewer.close();
});

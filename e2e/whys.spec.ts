import { expect, test } from "@playwright/test";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { addMember, createIncidentFor } from "./support/whys-db";
import { WhysPage } from "./pages/whys-page";

test("a facilitator builds a branching 5 Whys tree from the keyboard while a second browser follows live", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const email = uniqueEmail("facilitator");
  await signUpWithTeam(page, email, "Whys Facilitators");
  const { incidentId } = await createIncidentFor(email, {
    title: "Checkout outage after failover",
    customerImpact: "Customers could not complete checkout for 38 minutes.",
    events: [
      { minutes: 0, kind: "ACTION", body: "Failover of postgres-primary started" },
      { minutes: 12, kind: "ALERT", body: "PagerDuty: checkout 5xx rate above 5%" },
    ],
  });

  const whys = new WhysPage(page);
  await whys.goto(incidentId);
  await expect(page.getByTestId("why-problem")).toHaveText(
    "Customers could not complete checkout for 38 minutes.",
  );

  // A second person (same team) watches the same incident in another browser.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  await signIn(page2, email);
  const watcher = new WhysPage(page2);
  await watcher.goto(incidentId);
  await expect(page2.getByText("No causes yet.")).toBeVisible();

  // The guided question: answer, and the next question asks why about the answer.
  await whys.tabTo(whys.answer);
  await expect(
    page.getByRole("heading", {
      name: /Why did “Customers could not complete checkout for 38 minutes\.” happen\?/,
    }),
  ).toBeVisible();
  await page.keyboard.type("Checkout API returned 502 errors");
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("heading", { name: /Why did “Checkout API returned 502 errors” happen\?/ }),
  ).toBeVisible();
  await expect(whys.answer).toBeFocused();
  await page.keyboard.type("Database connections were exhausted during failover");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("navigation", { name: "Path from the problem" })).toContainText(
    "Checkout API returned 502 errors",
  );

  // Into the tree, still by keyboard: Tab asks why beneath, Shift+Enter adds another cause beside.
  await whys.tabTo(whys.item("Database connections were exhausted during failover"));
  await page.keyboard.press("Tab");
  await whys.typeCause("Failover script did not drain connections first", "Tab");
  await whys.typeCause("Runbook never described a drain step", "Enter");
  await whys.expectFocused("Runbook never described a drain step");

  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await whys.expectFocused("Database connections were exhausted during failover");
  await page.keyboard.press("Shift+Enter");
  await whys.typeCause("Retry storm from clients amplified the load", "Tab");
  await whys.typeCause("Client SDK retries without backoff or jitter", "Tab");
  await whys.typeCause("SDK retry defaults were never reviewed", "Enter");
  await whys.expectFocused("SDK retry defaults were never reviewed");

  await page.keyboard.press("Home");
  await whys.expectFocused("Checkout API returned 502 errors");
  await page.keyboard.press("Insert");
  await whys.typeCause("Alerting paged the on-call 12 minutes late", "Tab");
  await whys.typeCause("Alert threshold was tuned for old traffic levels", "Tab");
  await whys.typeCause("Nobody reviews alert thresholds after capacity changes", "Enter");
  await whys.expectFocused("Nobody reviews alert thresholds after capacity changes");

  await expect(page.getByRole("treeitem")).toHaveCount(10);
  await expect(page.locator('[role="treeitem"][aria-level="4"]')).toHaveCount(3);
  await expect(page.getByTestId("why-summary")).toHaveText(/3 branches, 0 reach a root cause/);

  // Mark root causes with a category (R opens the dialog).
  await page.keyboard.press("Home");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
  await whys.expectFocused("Runbook never described a drain step");
  await page.keyboard.press("r");
  const dialog = page.getByRole("dialog", { name: "Root cause" });
  await expect(dialog.getByLabel("Category")).toBeFocused();
  await expect(dialog.getByLabel("Category")).toHaveValue("PROCESS");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Mark as root cause" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(whys.item("Runbook never described a drain step")).toContainText(
    "Root cause · Process",
  );
  await whys.expectFocused("Runbook never described a drain step");

  await page.keyboard.press("End");
  await whys.expectFocused("Nobody reviews alert thresholds after capacity changes");
  await page.keyboard.press("r");
  await expect(dialog.getByLabel("Category")).toBeFocused();
  await page.keyboard.press("m");
  await expect(dialog.getByLabel("Category")).toHaveValue("MONITORING");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(whys.item("Nobody reviews alert thresholds after capacity changes")).toContainText(
    "Root cause · Monitoring and detection",
  );
  await expect(page.getByTestId("why-summary")).toHaveText(
    "Summary: 3 branches, 2 reach a root cause · 2 root causes, 2 without a countermeasure",
  );

  // Cite a timeline event as evidence (E opens the dialog).
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await whys.expectFocused("Alerting paged the on-call 12 minutes late");
  await page.keyboard.press("e");
  const evidence = page.getByRole("dialog", { name: "Evidence" });
  await expect(evidence.getByLabel("Timeline event")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(evidence.getByRole("list", { name: "Cited evidence" })).toContainText(
    "PagerDuty: checkout 5xx rate above 5%",
  );
  await page.keyboard.press("Escape");
  await expect(evidence).toBeHidden();
  await expect(whys.item("Alerting paged the on-call 12 minutes late")).toContainText(
    "PagerDuty: checkout 5xx rate above 5%",
  );

  // The second browser received every change without reloading.
  await expect(watcher.item("SDK retry defaults were never reviewed")).toBeVisible();
  await expect(watcher.item("Runbook never described a drain step")).toContainText(
    "Root cause · Process",
  );
  await expect(watcher.item("Alerting paged the on-call 12 minutes late")).toContainText(
    "PagerDuty: checkout 5xx rate above 5%",
  );
  await expect(page2.getByRole("treeitem")).toHaveCount(10);

  // Delete a branch (with confirmation) and undo it.
  await whys.expectFocused("Alerting paged the on-call 12 minutes late");
  await page.keyboard.press("Delete");
  const confirm = page.getByRole("alertdialog", { name: "Delete this cause and 2 below it?" });
  await expect(confirm.getByRole("button", { name: "Delete 3 causes" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("why-toast")).toContainText("Deleted 3 causes.");
  await expect(page.getByRole("treeitem")).toHaveCount(7);
  await expect(page2.getByRole("treeitem")).toHaveCount(7);
  await page.keyboard.press("Control+z");
  await expect(page.getByTestId("why-toast")).toContainText("Restored 3 causes.");
  await expect(whys.item("Alerting paged the on-call 12 minutes late")).toContainText(
    "PagerDuty: checkout 5xx rate above 5%",
  );
  await expect(
    watcher.item("Nobody reviews alert thresholds after capacity changes"),
  ).toContainText("Root cause · Monitoring and detection");

  // Blame language gets a gentle hint while typing, and saving still works.
  await whys.expectFocused("Alerting paged the on-call 12 minutes late");
  await page.keyboard.press("Enter");
  await expect(whys.draft).toBeFocused();
  await page.keyboard.press("End");
  await page.keyboard.type(" because the engineer forgot");
  await expect(page.getByText('"forgot" points at a person, not a cause.')).toBeVisible();
  await page.keyboard.press("Escape");

  await expectNoA11yViolations(page);
  await page.getByRole("tab", { name: "Diagram" }).click();
  const diagram = page.getByRole("img", { name: "5 Whys diagram" });
  await expect(diagram).toContainText("Runbook never described a drain step");
  await expect(diagram).toContainText("Root cause · Monitoring and detection");
  await expectNoA11yViolations(page);

  await page.goto(`/incidents/${incidentId}/whys/diagram`);
  await expect(page.getByRole("img", { name: "5 Whys diagram" })).toContainText(
    "SDK retry defaults were never reviewed",
  );
  await expectNoA11yViolations(page);
  await other.close();
});

test("another team's incident answers 404 on the page and the live stream", async ({
  page,
  browser,
}) => {
  const owner = uniqueEmail("whys.owner");
  await signUpWithTeam(page, owner, "Whys Owners");
  const { incidentId } = await createIncidentFor(owner, {
    title: "Private incident",
    customerImpact: "Private impact.",
  });

  const stranger = await browser.newContext();
  const page2 = await stranger.newPage();
  await signUpWithTeam(page2, uniqueEmail("whys.stranger"), "Whys Strangers");
  await page2.goto(`/incidents/${incidentId}/whys`);
  await expect(page2.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page2.getByText("Private impact.")).toHaveCount(0);
  expect((await page2.request.get(`/api/incidents/${incidentId}/whys/stream`)).status()).toBe(404);
  expect((await page2.request.get(`/api/incidents/${incidentId}/whys`)).status()).toBe(404);
  await stranger.close();
});

test("a viewer watches the session read-only and sees changes live", async ({ page, browser }) => {
  const owner = uniqueEmail("whys.lead");
  await signUpWithTeam(page, owner, "Whys Watchers");
  const { incidentId, teamId } = await createIncidentFor(owner, {
    title: "Queue backlog",
    customerImpact: "Emails were delayed by up to an hour.",
  });
  const viewerEmail = uniqueEmail("whys.viewer");
  await addMember(teamId, viewerEmail, "VIEWER");

  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await signIn(viewerPage, viewerEmail);
  const viewer = new WhysPage(viewerPage);
  await viewer.goto(incidentId);
  await expect(viewerPage.getByText("You are watching this session read-only.")).toBeVisible();
  await expect(viewer.answer).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Edit problem statement" })).toHaveCount(0);

  const lead = new WhysPage(page);
  await lead.goto(incidentId);
  await lead.tabTo(lead.answer);
  await page.keyboard.type("Mail workers were scaled down by the autoscaler");
  await page.keyboard.press("Enter");

  const item = viewer.item("Mail workers were scaled down by the autoscaler");
  await expect(item).toBeVisible();
  await viewer.tabTo(item);
  await viewerPage.keyboard.press("Enter");
  await viewerPage.keyboard.press("Delete");
  await expect(viewer.draft).toHaveCount(0);
  await expect(viewerPage.getByRole("alertdialog")).toHaveCount(0);
  await expectNoA11yViolations(viewerPage);
  await viewerContext.close();
});

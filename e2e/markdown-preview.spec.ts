// A live preview beside each Markdown field (issue 12, "Writing comfort"): typing Markdown
// shows it formatted by the report's own sanitizing renderer, the XSS corpus stays inert in
// it, and the toggle works from the keyboard.
import { expect, test } from "@playwright/test";
import { ReportEditorPage } from "./pages/report-editor";
import { signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { closeReportDb, seedIncident, teamOf } from "./support/report-db";
import { armContext, dangerousDom } from "./support/xss";
import { xssPayloads } from "./support/xss-db";

test.afterAll(async () => {
  await closeReportDb();
});

test("the preview formats Markdown as the report does and keeps every XSS payload inert", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  const hits = await armContext(context);
  const page = await context.newPage();
  const email = uniqueEmail("preview");
  await signUpWithTeam(page, email, "Preview SRE");
  const { teamId, userId } = await teamOf(email);
  const incident = await seedIncident(teamId, userId, "Search index stalled");

  const editor = new ReportEditorPage(page, incident.incidentId);
  await editor.open();

  // The toggle is a labelled button, operated from the keyboard.
  const toggle = page.getByRole("button", { name: "Preview of Summary", exact: true });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  const preview = page.getByRole("region", { name: "Preview of Summary" });
  await expect(preview).toContainText("Nothing to preview yet.");

  await editor.write(
    "Summary",
    "# Index stalled\n\nWhat we did:\n\n- paused the **writers**\n- followed the [runbook](https://runbooks.example/search)",
  );
  await expect(preview.getByRole("heading", { level: 3, name: "Index stalled" })).toBeVisible();
  await expect(preview.getByRole("listitem")).toHaveText([
    "paused the writers",
    "followed the runbook",
  ]);
  await expect(preview.locator("strong")).toHaveText("writers");
  await expect(preview.getByRole("link", { name: "runbook" })).toHaveAttribute(
    "href",
    "https://runbooks.example/search",
  );
  // Typing more updates it (debounced, no reload).
  await page.getByRole("textbox", { name: "Summary", exact: true }).press("End");
  await page
    .getByRole("textbox", { name: "Summary", exact: true })
    .pressSequentially("\n\n> quoted");
  await expect(preview.locator("blockquote")).toHaveText("quoted");
  await expectNoA11yViolations(page);

  // Every payload of the corpus in one field: the preview renders, nothing runs.
  const payloads = xssPayloads();
  await page.getByRole("button", { name: "Preview of Customer and data impact" }).click();
  const impactPreview = page.getByRole("region", { name: "Preview of Customer and data impact" });
  await page
    .getByRole("textbox", { name: "Customer and data impact", exact: true })
    .fill(payloads.join("\n\n"));
  // "click me" is the text of the javascript: link payload: rendered, without its href.
  await expect(impactPreview).toContainText("click me");
  await expect(impactPreview.getByText("click me")).not.toHaveAttribute("href", /javascript/i);
  await page.mouse.move(5, 5);
  await impactPreview.hover();
  await page.keyboard.press("Tab");
  expect(hits.list).toEqual([]);
  // React's own placeholder action on forms bound to server actions is not user text.
  expect(
    (await dangerousDom(page)).filter(
      (d) => !d.startsWith(`<form action="javascript:throw new Error('A React form`),
    ),
  ).toEqual([]);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 15_000 });

  await context.close();
});

test("the action item's description has the same preview, and what it shows is what is saved", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const hits = await armContext(context);
  const page = await context.newPage();
  const email = uniqueEmail("preview-action");
  await signUpWithTeam(page, email, "Preview Actions SRE");
  const { teamId, userId } = await teamOf(email);
  const incident = await seedIncident(teamId, userId, "Queue backlog");

  await page.goto(`/incidents/${incident.incidentId}/actions/new`);
  // A new item starts from the form's defaults (they were lost once: imported from the
  // client module into the server page, every field started undefined).
  await expect(page.getByLabel("Priority", { exact: true })).toHaveValue("P3");
  const description = page.getByRole("textbox", { name: "Description", exact: true });
  const toggle = page.getByRole("button", { name: "Preview of Description", exact: true });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  const preview = page.getByRole("region", { name: "Preview of Description" });
  await expect(preview).toContainText("Nothing to preview yet.");

  await description.fill(
    "Done when:\n\n1. the consumer **scales** on lag\n2. an alert fires at 10k\n\n<img src=x onerror=alert(1)>",
  );
  // The server's renderer answered (not busy any more): a numbered list, the bold word, and
  // the raw HTML payload shown inert.
  await expect(preview).not.toHaveAttribute("aria-busy", "true");
  await expect(preview.locator("ol > li")).toHaveText([
    "the consumer scales on lag",
    "an alert fires at 10k",
  ]);
  await expect(preview.locator("strong")).toHaveText("scales");
  await expect(preview.locator("img")).toHaveCount(0);
  await expectNoA11yViolations(page);

  // Hiding the preview keeps the text, and the item saves with it.
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(preview).toHaveCount(0);
  await page.getByRole("textbox", { name: "Title", exact: true }).fill("Autoscale the consumer");
  await page.getByRole("button", { name: "Create action item" }).click();
  await expect(page).toHaveURL(/\/actions\?created=1/);
  await page.getByRole("link", { name: "Autoscale the consumer" }).first().click();
  await expect(page.getByRole("textbox", { name: "Description", exact: true })).toHaveValue(
    /1\. the consumer \*\*scales\*\* on lag/,
  );
  expect(hits.list).toEqual([]);
  await context.close();
});

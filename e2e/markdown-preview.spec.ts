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

// Publishing warns about empty sections and refuses while the template marks one required
// (issue 12, "Writing comfort"): the owner marks a section required, the author is refused
// with a link to it, confirms the optional empty sections, and the report is published.
import { expect, test } from "@playwright/test";
import { ReportEditorPage } from "./pages/report-editor";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { addMember, closeReportDb, seedIncident, teamOf } from "./support/report-db";

test.afterAll(async () => {
  await closeReportDb();
});

test("a required section refuses the review until written; empty optional ones are confirmed and listed at publish", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const ownerEmail = uniqueEmail("req-owner");
  await signUpWithTeam(page, ownerEmail, "Queue SRE");
  const { teamId, userId } = await teamOf(ownerEmail);
  const reviewerEmail = uniqueEmail("req-reviewer");
  await addMember(teamId, reviewerEmail, "Riley Reviewer", "EDITOR");
  const incident = await seedIncident(teamId, userId, "Job queue backlog");

  // The owner marks "What was expected" required in the default template.
  await page.goto("/settings/templates");
  const full = page.getByRole("form", { name: /^Full AAR/ });
  await full
    .getByLabel(
      "Required: refuse review and publishing while “What was expected” has an empty field",
    )
    .check();
  await full.getByRole("button", { name: "Save Full AAR" }).click();
  await expect(full.getByText("Template saved.")).toBeVisible();

  const editor = new ReportEditorPage(page, incident.incidentId);
  await editor.open();
  await expect(page.getByRole("heading", { name: "What was expected Required" })).toBeVisible();
  await editor.write("Summary", "Jobs waited up to **40 minutes**.");

  // Before asking, the form says what is missing.
  const form = page.getByRole("form", { name: "Request review" });
  await expect(form.getByTestId("required-empty")).toContainText(
    "Required by the template, still empty",
  );
  await expect(form.getByTestId("required-empty")).toContainText("What was expected");
  await expect(form.getByTestId("optional-empty")).toContainText("Customer and data impact");
  await expectNoA11yViolations(page);

  // Asking anyway is refused by the server, naming the section, with a link to its field.
  await form.getByLabel(/Riley Reviewer/).check();
  await editor.confirmEmpty().check();
  await form.getByRole("button", { name: "Request review" }).click();
  await expect(form).toContainText(
    "Write the required section before asking for a review: “What was expected”.",
  );
  const link = form.getByRole("link", { name: "“What was expected” is required: write it." });
  await expect(link).toBeVisible();
  await expect(editor.status()).toHaveText("Draft");
  await link.click();
  await expect(page.getByRole("textbox", { name: "What was expected", exact: true })).toBeFocused();

  // Written: the required list goes; the optional list stays and must be confirmed.
  await editor.write("What was expected", "Jobs start within a minute (queue SLO).");
  await expect(form.getByTestId("required-empty")).toHaveCount(0);
  await expect(form.getByTestId("optional-empty")).not.toContainText("What was expected");
  await form.getByLabel(/Riley Reviewer/).check();
  await editor.confirmEmpty().uncheck();
  await form.getByRole("button", { name: "Request review" }).click();
  await expect(form).toContainText(
    "Confirm that you want to send the report for review without them, or write them first.",
  );
  await expect(editor.status()).toHaveText("Draft");
  await editor.requestReview("Riley Reviewer");

  // The reviewer approves; the publish form lists what goes out empty.
  const reviewerContext = await browser.newContext();
  const reviewerPage = await reviewerContext.newPage();
  await signIn(reviewerPage, reviewerEmail);
  await expect(reviewerPage.getByRole("navigation", { name: "Main" })).toBeVisible();
  const reviewerView = new ReportEditorPage(reviewerPage, incident.incidentId);
  await reviewerView.open();
  await reviewerView.approve();
  await reviewerContext.close();

  await editor.open();
  const publishEmpty = page.getByTestId("publish-empty");
  await expect(publishEmpty).toContainText("It will be published with these sections empty");
  await expect(publishEmpty.getByRole("link", { name: "What actually happened" })).toHaveAttribute(
    "href",
    "#section-happened",
  );
  await expect(publishEmpty).not.toContainText("What was expected");
  await editor.publish(1);
});

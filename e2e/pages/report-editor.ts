import { expect, type Page } from "@playwright/test";

/** The incident's Report tab: the autosaving editor and the review/publish panel. */
export class ReportEditorPage {
  constructor(
    private page: Page,
    private incidentId: string,
  ) {}

  async open() {
    await this.page.goto(`/incidents/${this.incidentId}/report`);
    await expect(this.page.getByRole("heading", { name: "After Action Report" })).toBeVisible();
  }

  status() {
    return this.page.getByTestId("report-status");
  }

  /** Types into a narrative field and waits for the autosave to land. */
  async write(label: string, text: string) {
    await this.page.getByRole("textbox", { name: label, exact: true }).fill(text);
    await expect(this.page.getByTestId("save-state")).toHaveText("All changes saved", {
      timeout: 15_000,
    });
  }

  /** Asks for a review, confirming any still-empty optional sections the form lists. */
  async requestReview(reviewerName: string) {
    const form = this.page.getByRole("form", { name: "Request review" });
    await form.getByLabel(new RegExp(reviewerName)).check();
    const confirm = this.confirmEmpty();
    if (await confirm.count()) await confirm.check();
    await form.getByRole("button", { name: "Request review" }).click();
    await expect(this.status()).toHaveText("In review");
  }

  /** The checkbox that confirms sending with empty optional sections (shown only when there are some). */
  confirmEmpty() {
    return this.page
      .getByRole("form", { name: "Request review" })
      .getByRole("checkbox", { name: /^Send for review with th(is section|ese sections) empty$/ });
  }

  async approve(comment?: string) {
    const form = this.page.getByRole("form", { name: "Your review" });
    await form.getByLabel("Approve").check();
    if (comment) await form.getByLabel("Comment (optional)").fill(comment);
    await form.getByRole("button", { name: "Submit review" }).click();
    await expect(this.page.getByRole("list", { name: "Reviewers" })).toContainText("Approved");
  }

  async publish(expectedVersion: number) {
    await this.page
      .getByRole("form", { name: "Publish" })
      .getByRole("button", { name: "Publish" })
      .click();
    await expect(
      this.page.getByRole("heading", { name: `Published — version ${expectedVersion}` }),
    ).toBeVisible();
    await expect(this.status()).toHaveText("Published");
  }

  async startNewDraft() {
    await this.page.getByRole("button", { name: "Start a new draft" }).click();
    await expect(this.status()).toHaveText("Draft");
  }
}

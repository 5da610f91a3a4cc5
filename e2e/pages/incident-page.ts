import { expect, type Locator, type Page } from "@playwright/test";

/** Page object for an incident's Overview tab and its timeline. */
export class IncidentPage {
  constructor(private readonly page: Page) {}

  async goto(id: string) {
    await this.page.goto(`/incidents/${id}`);
    await expect(this.page.getByRole("navigation", { name: "Incident" })).toBeVisible();
  }

  get events(): Locator {
    return this.page.getByTestId("timeline-event");
  }

  event(text: string): Locator {
    return this.events.filter({ hasText: text });
  }

  async addEvent(e: { time: string; kind?: string; body: string; author?: string; key?: boolean }) {
    const form = this.page.getByRole("form", { name: "Add event" });
    await expect(form.getByLabel("Time")).not.toHaveValue("");
    await form.getByLabel("Time").fill(e.time);
    if (e.kind) await form.getByLabel("Kind").selectOption({ label: e.kind });
    if (e.author !== undefined) await form.getByLabel("Author").fill(e.author);
    await form.getByLabel("What happened").fill(e.body);
    if (e.key) await form.getByLabel(/Key event/).check();
    await form.getByRole("button", { name: "Add event" }).click();
    await expect(this.event(e.body)).toBeVisible();
  }

  async editEvent(currentText: string, changes: { body?: string; time?: string }) {
    await this.event(currentText)
      .getByRole("button", { name: /^Edit event/ })
      .click();
    const form = this.page.getByRole("form", { name: "Edit event" });
    if (changes.time) await form.getByLabel("Time").fill(changes.time);
    if (changes.body) await form.getByLabel("What happened").fill(changes.body);
    await form.getByRole("button", { name: "Save event" }).click();
    await expect(form).toBeHidden();
  }

  async deleteEvent(text: string) {
    const row = this.event(text);
    await row.getByRole("button", { name: /^Delete event/ }).click();
    await row.getByRole("button", { name: "Confirm delete" }).click();
    await expect(this.event(text)).toHaveCount(0);
  }

  async openImport() {
    await this.page.getByText("Import from Slack, a chat log, CSV or JSON").click();
    await expect(this.page.getByLabel("Chat log, CSV or JSON")).toBeVisible();
  }

  async eventTexts() {
    return this.events.getByTestId("event-body").allInnerTexts();
  }
}

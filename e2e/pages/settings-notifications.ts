import { expect, type Page } from "@playwright/test";

/** Page object for Settings → Notifications. */
export class NotificationsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/notifications");
    await expect(this.page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  }

  form() {
    return this.page.getByRole("region", { name: "New target" });
  }

  /** Fills and submits the new-target form. */
  async submit(fields: { name: string; kind: string; url: string; events?: string[] }) {
    const form = this.form();
    await form.getByLabel("Name").fill(fields.name);
    await form.getByLabel("Send to").selectOption({ label: fields.kind });
    await form.getByLabel("Webhook URL").fill(fields.url);
    if (fields.events) {
      for (const box of await form.getByRole("checkbox").all()) await box.uncheck();
      for (const e of fields.events) await form.getByRole("checkbox", { name: e }).check();
    }
    await form.getByRole("button", { name: "Add target" }).click();
  }

  target(name: string) {
    return this.page
      .getByRole("listitem")
      .filter({ has: this.page.getByRole("heading", { name: new RegExp(`^${name}`) }) });
  }

  deliveries(name: string) {
    return this.page.getByRole("table", { name: `Latest deliveries to ${name}` });
  }
}

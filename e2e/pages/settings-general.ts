import { expect, type Page } from "@playwright/test";

/** Page object for /settings (team name and the signed-in user's profile). */
export class GeneralSettingsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings");
    await expect(this.page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  }

  async saveProfile(name: string, timeZone: string) {
    await this.page.getByLabel("Display name").fill(name);
    await this.page.getByLabel("Time zone").selectOption(timeZone);
    await this.page.getByRole("button", { name: "Save profile" }).click();
    await expect(this.page.getByText("Profile saved.")).toBeVisible();
  }
}

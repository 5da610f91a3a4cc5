import { expect, type Page } from "@playwright/test";

/** Page objects for Settings → API tokens and Settings → Alert sources. */
export class ApiTokensPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/api-tokens");
    await expect(this.page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  }

  /** Creates a token and returns it as shown (once). */
  async create(name: string, access: "Read only" | "Read and write") {
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByLabel("Access").selectOption({ label: access });
    await this.page.getByRole("button", { name: "Create token" }).click();
    const secret = this.page.getByTestId("revealed-secret");
    await expect(secret).toBeFocused();
    return secret.inputValue();
  }
}

export class AlertSourcesPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/alerts");
    await expect(this.page.getByRole("heading", { name: "Alert sources", level: 1 })).toBeVisible();
  }

  /** Creates a source; returns its endpoint path and token. */
  async create(name: string, tool: string) {
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByLabel("Tool").selectOption({ label: tool });
    await this.page.getByRole("button", { name: "Create alert source" }).click();
    const token = await this.page.getByTestId("revealed-secret").inputValue();
    const endpoint = await this.page
      .getByText(/\/api\/v1\/alerts\//)
      .first()
      .textContent();
    return { token, path: new URL(endpoint!.trim()).pathname };
  }

  deliveries(sourceName: string) {
    return this.page.getByRole("table", { name: `Last deliveries to ${sourceName}` });
  }
}

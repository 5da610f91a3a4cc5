import { expect, type Page } from "@playwright/test";

/** Version history, one published version, and its exports. */
export class ReportVersionsPage {
  constructor(
    private page: Page,
    private incidentId: string,
  ) {}

  async openHistory() {
    await this.page.goto(`/incidents/${this.incidentId}/report/versions`);
    await expect(this.page.getByRole("heading", { name: "Version history" })).toBeVisible();
  }

  async compare(from: number, to: number) {
    await this.page.getByLabel("From version").selectOption(String(from));
    await this.page.getByLabel("To version").selectOption(String(to));
    await this.page.getByRole("button", { name: "Compare" }).click();
    await expect(this.page.getByText(`Version ${from} → version ${to}`)).toBeVisible();
    return this.page.getByTestId("version-diff");
  }

  async openVersion(n: number) {
    await this.page.goto(`/incidents/${this.incidentId}/report/versions/${n}`);
    await expect(this.page.getByText(`Version ${n}, published`)).toBeVisible();
  }
}

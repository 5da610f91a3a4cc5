import { expect, type Page } from "@playwright/test";

export interface IncidentFields {
  title?: string;
  severity?: "SEV1" | "SEV2" | "SEV3" | "SEV4";
  status?: string;
  startedAt?: string;
  detectedAt?: string;
  resolvedAt?: string;
  summary?: string;
  customerImpact?: string;
  services?: string;
  tags?: string;
}

/** Page object for the new-incident and edit-incident forms. */
export class IncidentFormPage {
  constructor(private readonly page: Page) {}

  async gotoNew() {
    await this.page.goto("/incidents/new");
    await expect(this.page.getByRole("heading", { name: "New incident" })).toBeVisible();
  }

  async gotoEdit(id: string) {
    await this.page.goto(`/incidents/${id}/edit`);
    await expect(this.page.getByRole("heading", { name: "Edit incident" })).toBeVisible();
  }

  async fill(f: IncidentFields) {
    const p = this.page;
    // Wait for hydration: the lifecycle fields get their zone-aware values then.
    await expect(p.getByText(/your time zone: /)).toBeVisible();
    if (f.title !== undefined) await p.getByLabel("Title").fill(f.title);
    if (f.severity) await p.getByLabel("Severity").selectOption(f.severity);
    if (f.status) await p.getByLabel("Status").selectOption({ label: f.status });
    if (f.startedAt !== undefined) await p.getByLabel("Started", { exact: true }).fill(f.startedAt);
    if (f.detectedAt !== undefined) await p.getByLabel("Detected").fill(f.detectedAt);
    if (f.resolvedAt !== undefined) await p.getByLabel("Resolved").fill(f.resolvedAt);
    if (f.summary !== undefined) await p.getByLabel("Summary").fill(f.summary);
    if (f.customerImpact !== undefined)
      await p.getByLabel("Customer impact", { exact: true }).fill(f.customerImpact);
    if (f.services !== undefined) await p.getByLabel("Affected services").fill(f.services);
    if (f.tags !== undefined) await p.getByLabel("Tags").fill(f.tags);
  }

  async create(f: IncidentFields): Promise<string> {
    await this.gotoNew();
    await this.fill(f);
    await this.page.getByRole("button", { name: "Create incident" }).click();
    await expect(this.page.getByRole("navigation", { name: "Incident" })).toBeVisible();
    if (f.title)
      await expect(this.page.getByRole("heading", { level: 1, name: f.title })).toBeVisible();
    return new URL(this.page.url()).pathname.split("/")[2];
  }

  async save() {
    await this.page.getByRole("button", { name: /Save changes|Save my changes anyway/ }).click();
  }
}

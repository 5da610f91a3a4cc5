import { expect, type Page } from "@playwright/test";

/** Page object for /settings/members. */
export class MembersPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/members");
    await expect(this.page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  }

  /** One member's entry in the members list. */
  row(text: string) {
    return this.page
      .getByRole("list", { name: /^Members of / })
      .getByRole("listitem")
      .filter({ hasText: text });
  }

  roleSelect(memberLabel: string) {
    return this.page.getByLabel(`Role for ${memberLabel}`, { exact: true });
  }

  async invite(email: string, role: "Viewer (read only)" | "Editor") {
    await this.page.getByLabel("Email address").fill(email);
    await this.page.getByLabel("Role", { exact: true }).selectOption({ label: role });
    await this.page.getByRole("button", { name: "Send invitation" }).click();
    await expect(this.page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  }

  pendingInvitation(email: string) {
    return this.page
      .getByRole("list", { name: "Pending invitations" })
      .getByRole("listitem")
      .filter({ hasText: email });
  }

  async changeRole(memberLabel: string, role: "Owner" | "Editor" | "Viewer") {
    await this.roleSelect(memberLabel).selectOption({ label: role });
    await this.page.getByRole("button", { name: `Save role for ${memberLabel}` }).click();
    await expect(
      this.row(memberLabel).getByText(`Role changed to ${role.toLowerCase()}.`),
    ).toBeVisible();
  }
}

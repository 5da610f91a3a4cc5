import { expect, type Locator, type Page } from "@playwright/test";

/** Page object for /incidents/<id>/whys, driven from the keyboard. */
export class WhysPage {
  constructor(readonly page: Page) {}

  async goto(incidentId: string) {
    await this.page.goto(`/incidents/${incidentId}/whys`);
    await expect(this.page.getByRole("heading", { name: "5 Whys", exact: true })).toBeVisible();
    await expect(this.page.getByTestId("live-status")).toHaveText(/Live/);
  }

  get answer() {
    return this.page.getByLabel("Answer (a cause)");
  }

  get tree() {
    return this.page.getByRole("tree");
  }

  item(name: string) {
    return this.page.getByRole("treeitem", { name });
  }

  get draft() {
    return this.page.locator("#why-draft");
  }

  /** Presses Tab until `target` has focus: a keyboard user's way of getting somewhere. */
  async tabTo(target: Locator, max = 40) {
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press("Tab");
    }
    throw new Error("Could not reach the element with Tab");
  }

  async expectFocused(name: string) {
    await expect(this.item(name)).toBeFocused();
  }

  /** Types a cause into a new, empty draft and saves it with `key` (Enter, Tab or Shift+Enter). */
  async typeCause(text: string, key: "Enter" | "Tab" | "Shift+Enter") {
    await expect(this.draft).toBeFocused();
    await expect(this.draft).toHaveValue("");
    await this.page.keyboard.type(text);
    await this.page.keyboard.press(key);
  }
}

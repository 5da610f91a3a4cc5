import { expect, test, type Page, type Route } from "@playwright/test";
import { ReportEditorPage } from "./pages/report-editor";
import { addMember, closeReportDb, seedIncident, teamOf } from "./support/report-db";
import { signUpWithTeam, uniqueEmail } from "./support/auth";

test.afterAll(async () => {
  await closeReportDb();
});

/** Holds the editor's autosave requests (server-action POSTs carrying "changes") until released. */
function holdAutosaves(page: Page) {
  const held: Route[] = [];
  void page.route("**/report", async (route) => {
    const req = route.request();
    if (
      req.method() === "POST" &&
      req.headers()["next-action"] &&
      (req.postData() ?? "").includes('"changes"')
    )
      held.push(route);
    else await route.continue();
  });
  return {
    held: () => held.length,
    release: async (n: number) => held[n].continue(),
  };
}

/** Every text the save-status line shows, recorded in the page so no brief state is missed. */
async function recordStatuses(page: Page) {
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="save-state"]')!;
    const w = window as unknown as { statuses: string[] };
    w.statuses = [];
    new MutationObserver(() => w.statuses.push(el.textContent ?? "")).observe(el, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
}
const statuses = (page: Page) =>
  page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);

test("autosave says saved only when every section is stored; review waits for unsaved text", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const ownerEmail = uniqueEmail("autosave");
  await signUpWithTeam(page, ownerEmail, "Autosave Team");
  const { teamId, userId } = await teamOf(ownerEmail);
  await addMember(teamId, uniqueEmail("autosave-rev"), "Rita Reviewer", "EDITOR");
  const incident = await seedIncident(teamId, userId, "Autosave race");
  const editor = new ReportEditorPage(page, incident.incidentId);
  await editor.open();
  const saves = holdAutosaves(page);
  const status = page.getByTestId("save-state");

  // Section one is being saved (the request is held) while the author types in section two.
  await page.getByLabel("Summary", { exact: true }).fill("Checkout failed for an hour.");
  await expect.poll(saves.held).toBe(1);
  await expect(status).toHaveText("Saving…");
  await page.getByLabel("Trigger", { exact: true }).fill("A planned failover.");
  await recordStatuses(page);
  await saves.release(0);
  // The first save lands; the second section is still unsaved and gets its own save (held).
  await expect.poll(saves.held).toBe(2);
  expect(await statuses(page)).not.toContain("All changes saved");
  await expect(status).toHaveText("Saving…");

  // Asking for a review now is refused: the reviewers would approve text without the trigger.
  const review = page.getByRole("form", { name: "Request review" });
  await review.getByLabel(/Rita Reviewer/).check();
  await review.getByRole("button", { name: "Request review" }).click();
  await expect(review.getByRole("alert")).toHaveText(/not saved yet/);
  await expect(editor.status()).toHaveText("Draft");

  await saves.release(1);
  await expect(status).toHaveText("All changes saved");
  await page.reload();
  await expect(page.getByLabel("Summary", { exact: true })).toHaveValue(
    "Checkout failed for an hour.",
  );
  await expect(page.getByLabel("Trigger", { exact: true })).toHaveValue("A planned failover.");

  // Leaving with unsaved text asks first.
  await page.getByLabel("Recovery", { exact: true }).fill("Restarted the pooler.");
  await expect.poll(saves.held).toBe(3);
  const dialog = new Promise<string>((resolve) =>
    page.once("dialog", (d) => void d.dismiss().then(() => resolve(d.type()))),
  );
  await page.close({ runBeforeUnload: true });
  expect(await dialog).toBe("beforeunload");
});

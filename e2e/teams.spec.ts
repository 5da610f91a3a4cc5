import { expect, test, type Page } from "@playwright/test";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { linkIn, waitForMail } from "./support/mail";
import { GeneralSettingsPage } from "./pages/settings-general";
import { MembersPage } from "./pages/settings-members";

const currentTeam = (page: Page) => page.getByLabel("Current team").locator("option:checked");

test("an owner invites a viewer by email, who signs in from the link, joins, and is made an editor", async ({
  page,
  browser,
}) => {
  const ownerEmail = uniqueEmail("owner");
  const inviteeEmail = uniqueEmail("invitee");
  await signUpWithTeam(page, ownerEmail, "Checkout SRE");

  const members = new MembersPage(page);
  await members.goto();
  await expect(
    page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Members" }),
  ).toHaveAttribute("aria-current", "page");
  const since = new Date(Date.now() - 1000);
  await members.invite(inviteeEmail, "Viewer (read only)");
  await expect(members.pendingInvitation(inviteeEmail)).toContainText("expires in 14 days");
  // Owners have no control over their own role.
  await expect(members.row(ownerEmail)).toContainText("Owner");
  await expect(members.roleSelect(ownerEmail)).toHaveCount(0);
  await expectNoA11yViolations(page);

  const invitation = await waitForMail(inviteeEmail, /Join Checkout SRE on Hindsight/, since);
  expect(invitation.text).toContain("as a viewer");
  const inviteLink = linkIn(invitation, "/sign-in");

  // Anyone else signed in who opens the link is told whose invitation it is.
  await page.goto(inviteLink);
  await expect(
    page.getByRole("heading", { name: "This invitation is for someone else" }),
  ).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    `This invitation was sent to a different email address. You are signed in as ${ownerEmail}.`,
  );
  await expect(page.getByRole("main")).not.toContainText(inviteeEmail);

  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(inviteLink);
  await invitee.getByLabel("Work email").fill(inviteeEmail);
  await invitee.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(invitee.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const signInMail = await waitForMail(inviteeEmail, /Sign in to Hindsight/, since);
  await invitee.goto(linkIn(signInMail, "/api/auth/callback"));

  await expect(invitee.getByRole("heading", { name: "Join Checkout SRE" })).toBeVisible();
  await expect(invitee.getByText("expires in 14 days")).toBeVisible();
  await expectNoA11yViolations(invitee);
  await invitee.getByRole("button", { name: "Accept invitation to Checkout SRE" }).click();
  await expect(invitee.getByTestId("team-name")).toHaveText("Checkout SRE");
  await expect(invitee.getByTestId("my-role")).toContainText("Viewer");

  // Viewers see the members list read-only.
  const inviteeMembers = new MembersPage(invitee);
  await inviteeMembers.goto();
  await expect(inviteeMembers.row(ownerEmail)).toContainText("Owner");
  await expect(invitee.getByRole("combobox")).toHaveCount(0);
  await expect(invitee.getByRole("button", { name: "Send invitation" })).toHaveCount(0);

  await members.goto();
  await expect(members.pendingInvitation(inviteeEmail)).toHaveCount(0);
  await members.changeRole(inviteeEmail, "Editor");
  await page.reload();
  await expect(members.roleSelect(inviteeEmail)).toHaveValue("EDITOR");

  await invitee.reload();
  await expect(invitee.getByTestId("my-role")).toContainText("Editor");

  // Removing asks first; the keyboard path lands on the confirmation.
  await members
    .row(inviteeEmail)
    .getByRole("button", { name: `Remove ${inviteeEmail}` })
    .press("Enter");
  await expect(page.getByRole("button", { name: "Yes, remove" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(members.row(inviteeEmail)).toHaveCount(0);
  await expect(page.getByTestId("page-status")).toHaveText(
    `${inviteeEmail} was removed from Checkout SRE.`,
  );
  await invitee.goto("/settings/members");
  await expect(invitee.getByRole("heading", { name: "Welcome to Hindsight" })).toBeVisible();
  await inviteeContext.close();
});

test("a member of two teams switches between them, edits settings, and signs out everywhere", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("multi");
  await signUpWithTeam(page, email, "Alpha Ops");

  await page.goto("/onboarding");
  await expect(page.getByRole("heading", { name: "Join or create another team" })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel("Team name").fill("Bravo Ops");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("heading", { name: "Bravo Ops", level: 1 })).toBeVisible();
  await expect(currentTeam(page)).toHaveText("Bravo Ops");

  await page.getByLabel("Current team").selectOption({ label: "Alpha Ops" });
  await expect(page.getByRole("heading", { name: "Alpha Ops", level: 1 })).toBeVisible();
  await expect(page.getByTestId("team-switch-status")).toHaveText("Switched to team Alpha Ops.");
  await expect(currentTeam(page)).toHaveText("Alpha Ops");

  const settings = new GeneralSettingsPage(page);
  await settings.goto();
  await expect(page.getByLabel("Team name")).toHaveValue("Alpha Ops");
  await settings.saveProfile("Morgan Multi", "Europe/Berlin");
  await expectNoA11yViolations(page);

  // With the keyboard, arrowing through teams does not switch yet; Enter does. Switching from a
  // settings page stays in settings and shows the other team there.
  await page.getByLabel("Current team").focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("button", { name: "Switch", exact: true })).toBeVisible();
  await expect(page.getByLabel("Team name")).toHaveValue("Alpha Ops");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("team-switch-status")).toHaveText("Switched to team Bravo Ops.");
  await expect(page.getByLabel("Team name")).toHaveValue("Bravo Ops");
  await expect(page).toHaveURL(/\/settings$/);

  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.includes("session-token"))).toBe(true);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // The old session cookie no longer works anywhere: the session row is gone.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const replayPage = await replay.newPage();
  await replayPage.goto("/settings");
  await expect(replayPage).toHaveURL(/\/sign-in/);
  await replay.close();
});

test("a newcomer with a pending invitation sees it on onboarding and joins from there", async ({
  page,
  browser,
}) => {
  const ownerEmail = uniqueEmail("lead");
  const newcomerEmail = uniqueEmail("newcomer");
  await signUpWithTeam(page, ownerEmail, "Search Infra");
  const members = new MembersPage(page);
  await members.goto();
  await members.invite(newcomerEmail, "Editor");

  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await signIn(newcomer, newcomerEmail);
  await expect(newcomer.getByRole("heading", { name: "Welcome to Hindsight" })).toBeVisible();
  const card = newcomer.getByRole("listitem").filter({ hasText: "Search Infra" });
  await expect(card).toContainText("Join as editor");
  await expect(card).toContainText("expires in 14 days");
  await expect(newcomer.getByRole("heading", { name: "Or create your own team" })).toBeVisible();
  await expectNoA11yViolations(newcomer);
  await card.getByRole("button", { name: "Accept invitation to Search Infra" }).click();
  await expect(newcomer.getByTestId("team-name")).toHaveText("Search Infra");
  await expect(newcomer.getByTestId("my-role")).toContainText("Editor");
  await context.close();
});

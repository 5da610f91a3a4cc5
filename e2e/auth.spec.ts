import { expect, test } from "@playwright/test";
import { signIn, signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";

test("a new user signs in with an emailed link, creates a team and signs out", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  // The e2e server is started with GitHub credentials in its environment: the provider is offered.
  await expect(page.getByRole("button", { name: "Continue with GitHub" })).toBeVisible();
  await expectNoA11yViolations(page);

  const email = uniqueEmail("founder");
  await signUpWithTeam(page, email, "Payments SRE");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the sign-in form explains a bad address and sends nothing", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Work email").fill("not-an-email");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
});

test("a used sign-in link cannot be reused", async ({ page, browser }) => {
  const email = uniqueEmail("once");
  const link = await signIn(page, email);
  await expect(page.getByRole("heading", { name: "Welcome to Hindsight" })).toBeVisible();
  const other = await browser.newContext();
  const page2 = await other.newPage();
  await page2.goto(link);
  await expect(page2.getByText("That sign-in link has expired or was already used")).toBeVisible();
  await other.close();
});

import { expect, type Page } from "@playwright/test";
import { linkIn, waitForMail } from "./mail";

let counter = 0;
/** A unique address per test run so runs never share users. */
export function uniqueEmail(name: string) {
  counter += 1;
  return `${name}.${Date.now().toString(36)}${counter}@example.test`;
}

/** Signs in through the real magic-link flow: the form, the SMTP sink, the link. */
export async function signIn(page: Page, email: string, callbackUrl?: string) {
  const since = new Date(Date.now() - 1000);
  await page.goto(
    callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in",
  );
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mail = await waitForMail(email, /Sign in to Hindsight/, since);
  const link = linkIn(mail, "/api/auth/callback");
  await page.goto(link);
  return link;
}

/** Signs up a new user and creates their team; lands on the team's home page. */
export async function signUpWithTeam(page: Page, email: string, teamName: string) {
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: "Welcome to Hindsight" })).toBeVisible();
  await page.getByLabel("Team name").fill(teamName);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByTestId("team-name")).toHaveText(teamName);
}

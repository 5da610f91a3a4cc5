import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startReceiver, type Receiver } from "../lib/notifications/receiver";
import { NotificationsPage } from "./pages/settings-notifications";
import { signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";

let receiver: Receiver;

test.beforeAll(async () => {
  // A stand-in receiver on loopback (the e2e app runs with NOTIFICATIONS_ALLOW_PRIVATE=1).
  receiver = await startReceiver();
});

test.afterAll(async () => {
  await receiver.close();
});

test("an owner adds a signed webhook, sends a test event and sees it delivered; a failing receiver shows in the log", async ({
  page,
}) => {
  await signUpWithTeam(page, uniqueEmail("notifier"), "Notify Team");
  const settings = new NotificationsPage(page);
  await settings.goto();
  await expect(page.getByText("No notification targets yet")).toBeVisible();
  await expectNoA11yViolations(page);

  // Bad input: each field says what is wrong, nothing is created.
  await settings.submit({
    name: "",
    kind: "Webhook (JSON, signed)",
    url: "ftp://example.test",
    events: [],
  });
  await expect(page.getByText("Name the target (e.g. #incidents channel).")).toBeVisible();
  await expect(page.getByText("Choose at least one event to send.")).toBeVisible();
  await expect(page.getByText("Enter the full URL, starting with https://.")).toBeVisible();
  await expect(page.getByText("No notification targets yet")).toBeVisible();

  await settings.submit({
    name: "Ops receiver",
    kind: "Webhook (JSON, signed)",
    url: receiver.url("/ops"),
  });
  const secretBox = page.getByTestId("revealed-secret");
  await expect(secretBox).toBeFocused();
  const secret = await secretBox.inputValue();
  expect(secret).toMatch(/^whsec_/);
  const target = settings.target("Ops receiver");
  await expect(target).toContainText("Incident opened, Incident status changed");
  await expect(target.getByText("Nothing sent yet.")).toBeVisible();

  await target.getByRole("button", { name: "Send a test event to Ops receiver" }).click();
  await expect(target.getByText("Test event queued")).toBeVisible();
  const log = settings.deliveries("Ops receiver");
  // The page refreshes itself while the delivery is on its way.
  // A loaded machine may take a while to start the in-app worker: allow it.
  await expect(log.getByRole("row").nth(1)).toContainText("Delivered", { timeout: 30_000 });
  await expect(log.getByRole("row").nth(1)).toContainText("Test event");
  await expect(log.getByRole("row").nth(1)).toContainText("HTTP 200");

  // What arrived is signed with the secret shown once, and says what it is.
  const [request] = receiver.on("/ops");
  const event = new Webhook(secret).verify(
    request!.body,
    request!.headers as Record<string, string>,
  ) as { type: string; data: { team: { name: string } } };
  expect(event.type).toBe("test");
  expect(event.data.team.name).toBe("Notify Team");

  // A receiver that answers 500: the log says so while pg-boss retries.
  receiver.answer("/ops", 500, "receiver exploded");
  await target.getByRole("button", { name: "Send a test event to Ops receiver" }).click();
  await expect(log.getByRole("row").nth(1)).toContainText("Retrying", { timeout: 30_000 });
  await expect(log.getByRole("row").nth(1)).toContainText("HTTP 500");
  await expect(log.getByRole("row").nth(1)).toContainText("receiver exploded");
  await expectNoA11yViolations(page);

  // Turned off by the owner: the card says so.
  await target.getByRole("button", { name: "Turn off Ops receiver" }).click();
  await expect(target.getByTestId("target-off")).toContainText("Turned off by an owner.");
});

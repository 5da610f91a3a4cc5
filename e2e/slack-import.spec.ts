import { expect, test, type Browser, type Page } from "@playwright/test";
import { adminQuery, withDatabaseName } from "../scripts/db/admin";
import { migrateDeploy } from "../scripts/db/migrate";
import { IncidentFormPage } from "./pages/incident-form";
import { IncidentPage } from "./pages/incident-page";
import { expectNoA11yViolations } from "./support/axe";
import { seedMember } from "./support/faults-client";
import { startOwnApp, type OwnApp } from "./support/own-postgres";
import { startSlackStandIn, type SlackStandIn } from "./support/slack-api";

// Pulling a Slack channel into an incident's timeline, in the browser, against a stand-in Slack
// Web API on loopback (e2e/support/slack-api.ts, documented payloads). The shared e2e app cannot
// know the stand-in's port (0, chosen when this spec starts), so this spec runs its own app
// with SLACK_API_BASE_URL pointing at it, on its own database. Each test's owner is seeded with
// a session (signing in is not what this spec is about; auth.spec.ts covers it).
const BOT_TOKEN = "xoxb-2000000000-e2estandinbottoken";
const CHANNEL = "C0INCIDENT";

test.describe("Slack channel import", () => {
  test.describe.configure({ timeout: 180_000 });
  test.use({ timezoneId: "Europe/Berlin" });
  let slack: SlackStandIn;
  let app: OwnApp;
  let databaseUrl: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    slack = await startSlackStandIn({ botToken: BOT_TOKEN, channel: CHANNEL });
    const server = process.env.DATABASE_URL!;
    const name = `hindsight_slack_${Date.now()}_${process.pid}`;
    databaseUrl = withDatabaseName(server, name);
    await adminQuery(server, `CREATE DATABASE "${name}"`);
    await migrateDeploy(databaseUrl, true);
    app = await startOwnApp(databaseUrl, { SLACK_API_BASE_URL: slack.url });
  });

  test.afterAll(async () => {
    await app?.stop();
    await slack?.close();
    if (databaseUrl)
      await adminQuery(
        databaseUrl,
        `DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`,
      );
  });

  /** A browser signed in as a new team's owner (a session seeded in this app's database). */
  async function openPage(browser: Browser, name: string): Promise<Page> {
    const member = await seedMember(databaseUrl, name);
    const context = await browser.newContext({
      baseURL: app.baseUrl,
      timezoneId: "Europe/Berlin",
    });
    await context.addCookies([
      { name: "authjs.session-token", value: member.sessionToken, url: app.baseUrl },
    ]);
    return context.newPage();
  }

  test("an owner saves a bot token, then reads the incident's window of a channel, previews and imports it", async ({
    browser,
  }) => {
    const page = await openPage(browser, "slackimport");

    // Without a bot token the import panel says where to add one.
    const id = await new IncidentFormPage(page).create({
      title: "Checkout 502s",
      startedAt: "2026-01-01T01:00", // 00:00 UTC
      status: "Resolved",
      resolvedAt: "2026-01-01T02:00", // 01:00 UTC: the window ends 01:15 UTC
    });
    const incident = new IncidentPage(page);
    await incident.openImport();
    await expect(
      page.getByText("To read a Slack channel here, an owner adds a bot token"),
    ).toBeVisible();

    await page.goto("/settings/chat");
    await page.getByLabel("Slack workspace ID").fill("T0E2ESLACK");
    await page.getByLabel("Signing secret").fill("8f742231b10e8888abcd99yyyzzz85a5");
    await page.getByRole("button", { name: "Save Slack settings" }).click();
    await expect(page.getByText("Slack settings saved.")).toBeVisible();
    const tokenForm = page.getByRole("region", { name: "Channel import" });
    await expect(tokenForm.getByText("No bot token is saved.")).toBeVisible();
    await tokenForm.getByLabel("Bot token").fill(BOT_TOKEN);
    await tokenForm.getByRole("button", { name: "Save bot token" }).click();
    await expect(tokenForm.getByText("Bot token saved.")).toBeVisible();
    await expect(tokenForm.getByText("A bot token is saved.")).toBeVisible();

    await page.goto(`/incidents/${id}`);
    await incident.openImport();
    const reader = page.getByRole("form", { name: "Read a Slack channel" });

    // A channel the bot is not in: Slack's error as a sentence, nothing fetched into the box.
    await reader.getByLabel("Slack channel ID").fill("C0ELSEWHERE");
    await reader.getByRole("button", { name: "Read channel" }).click();
    // The field's own error, announced with it (aria-describedby).
    await expect(reader.getByLabel("Slack channel ID")).toHaveAccessibleDescription(
      /The bot is not in this channel: invite it with \/invite/,
    );
    await expect(page.getByLabel("Chat log, CSV or JSON")).toHaveValue("");

    await reader.getByLabel("Slack channel ID").fill(CHANNEL);
    await reader.getByRole("button", { name: "Read channel" }).click();
    await expect(
      reader.getByText("5 messages read from Slack. Check the preview, then import."),
    ).toBeVisible();
    await expectNoA11yViolations(page);

    // Every call carried the bot token; the history was read for the window only, in pages.
    expect(slack.calls.every((c) => c.authorization === `Bearer ${BOT_TOKEN}`)).toBe(true);
    expect(
      slack.calls.filter((c) => c.method === "conversations.history" && c.subject === CHANNEL),
    ).toHaveLength(2);

    const preview = page.getByRole("region", { name: "Import preview" });
    await expect(preview.getByRole("status")).toHaveText("5 events ready (json).");
    const rows = preview.getByTestId("import-row");
    await expect(rows).toHaveCount(5);
    await expect(rows.nth(0)).toContainText("priya");
    await expect(rows.nth(0)).toContainText("@Marco Rossi checkout is returning 502s");
    // The join message (a channel event) and lunch at 22:00 UTC (outside the window) are left out.
    await expect(preview).not.toContainText("has joined the channel");
    await expect(preview).not.toContainText("lunch anyone?");

    await preview.getByRole("button", { name: "Import 5 events" }).click();
    await expect(page.getByText("Imported 5 events.")).toBeVisible();

    const expected = [
      ["@Marco Rossi checkout is returning 502s", "priya", "01:02:00", "2026-01-01 00:02:00 UTC"],
      [
        "rolled back deploy 4412, see status page",
        "Marco Rossi",
        "01:30:00",
        "2026-01-01 00:30:00 UTC",
      ],
      ["(in thread) confirmed, errors dropping", "priya", "01:33:00", "2026-01-01 00:33:00 UTC"],
      [
        "(in thread) keeping the flag off until the fix ships",
        "Marco Rossi",
        "01:35:00",
        "2026-01-01 00:35:00 UTC",
      ],
      [
        "RESOLVED: checkout 5xx rate < 1% & latency normal",
        "Alertmanager",
        "01:55:00",
        "2026-01-01 00:55:00 UTC",
      ],
    ] as const;
    await expect(incident.events).toHaveCount(expected.length);
    for (const [i, [text, author, local, utc]] of expected.entries()) {
      const event = incident.events.nth(i);
      await expect(event).toContainText(text);
      await expect(event).toContainText(author);
      // Local time (Berlin, UTC+1) shown, the exact UTC time on hover.
      await expect(event.locator("time")).toHaveText(`1 Jan 2026, ${local}`);
      await expect(event.locator("time")).toHaveAttribute("title", utc);
    }
    await page.context().close();
  });

  test("a bot token Slack refuses is explained, and nothing is put in the import box", async ({
    browser,
  }) => {
    const page = await openPage(browser, "slackbad");
    await page.goto("/settings/chat");
    await page.getByLabel("Slack workspace ID").fill("T0E2EBADTK");
    await page.getByLabel("Signing secret").fill("8f742231b10e8888abcd99yyyzzz85a5");
    await page.getByRole("button", { name: "Save Slack settings" }).click();
    await expect(page.getByText("Slack settings saved.")).toBeVisible();
    const tokenForm = page.getByRole("region", { name: "Channel import" });
    await tokenForm.getByLabel("Bot token").fill("xoxb-2000000000-revokedrevoked");
    await tokenForm.getByRole("button", { name: "Save bot token" }).click();
    await expect(tokenForm.getByText("Bot token saved.")).toBeVisible();

    const id = await new IncidentFormPage(page).create({
      title: "Queue backlog",
      startedAt: "2026-01-01T01:00",
    });
    await page.goto(`/incidents/${id}`);
    await new IncidentPage(page).openImport();
    const reader = page.getByRole("form", { name: "Read a Slack channel" });
    await reader.getByLabel("Slack channel ID").fill(CHANNEL);
    await reader.getByRole("button", { name: "Read channel" }).click();
    await expect(reader.getByLabel("Slack channel ID")).toHaveAccessibleDescription(
      /Slack refused the bot token \(invalid_auth\)\. Check it in Settings → Chat\./,
    );
    await expect(page.getByLabel("Chat log, CSV or JSON")).toHaveValue("");
    await page.context().close();
  });
});

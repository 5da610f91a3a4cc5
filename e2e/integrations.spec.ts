import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { AlertSourcesPage, ApiTokensPage } from "./pages/settings-integrations";
import { signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";

test("an owner creates an API token and an alert source; a posted alert becomes an incident", async ({
  page,
}) => {
  await signUpWithTeam(page, uniqueEmail("integrator"), "Integrations Team");

  const tokens = new ApiTokensPage(page);
  await tokens.goto();
  await expect(page.getByText("No API tokens yet")).toBeVisible();
  const token = await tokens.create("Deploy pipeline", "Read and write");
  expect(token).toMatch(/^hs_/);
  await expect(page.getByRole("row", { name: /Deploy pipeline/ })).toContainText("Read and write");
  await expectNoA11yViolations(page);

  // The token works against the REST API, and a wrong one does not.
  const created = await page.request.post("/api/v1/incidents", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      title: "Opened from the pipeline",
      severity: "SEV3",
      startedAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
  expect(created.status()).toBe(201);
  expect(
    (
      await page.request.get("/api/v1/incidents", { headers: { authorization: "Bearer hs_wrong" } })
    ).status(),
  ).toBe(401);

  const alerts = new AlertSourcesPage(page);
  await alerts.goto();
  await expect(page.getByText("No alert sources yet")).toBeVisible();
  const source = await alerts.create(
    "Kibana production",
    "Generic JSON (Kibana/Elastic, scripts…)",
  );
  await expectNoA11yViolations(page);

  const alert = {
    status: "firing",
    id: "checkout-latency-eu",
    title: "Checkout p99 latency above 2 s",
    severity: "critical",
    service: "checkout",
  };
  expect((await page.request.post(source.path, { data: alert })).status()).toBe(401);
  const posted = await page.request.post(source.path, {
    headers: { authorization: `Bearer ${source.token}` },
    data: alert,
  });
  expect(posted.status()).toBe(202);

  await page.goto("/incidents");
  const row = page.getByRole("link", { name: /Checkout p99 latency above 2 s/ });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByRole("heading", { name: /Checkout p99 latency above 2 s/ })).toBeVisible();
  await expect(page.getByText("SEV1", { exact: false }).first()).toBeVisible();
  await expect(page.getByText("Alert firing: Checkout p99 latency above 2 s")).toBeVisible();

  await alerts.goto();
  const deliveries = alerts.deliveries("Kibana production");
  await expect(deliveries.getByRole("row")).toHaveCount(3);
  await expect(deliveries).toContainText("Accepted");
  await expect(deliveries).toContainText("Refused");
  await expect(deliveries).toContainText("Missing token header.");
});

test("an owner connects Mattermost's /postmortem: its documented request is answered, a linked user opens an incident", async ({
  page,
}) => {
  await signUpWithTeam(page, uniqueEmail("mattermost"), "Mattermost Team");
  const fixture = JSON.parse(
    readFileSync(
      path.join(import.meta.dirname, "../lib/chatops/fixtures/mattermost-slash-command.json"),
      "utf8",
    ),
  ) as { headers: Record<string, string>; body: string };
  // A token of this run (the documented one may be saved by another spec on this database).
  const token = `e2e${Date.now().toString(36)}`.padEnd(26, "0").slice(0, 26);
  const send = (text: string, credential: string | null = token) => {
    const form = new URLSearchParams(fixture.body);
    form.set("text", text);
    form.delete("token");
    const headers: Record<string, string> = {
      "content-type": "application/x-www-form-urlencoded",
    };
    if (credential) {
      form.set("token", credential);
      headers.authorization = `Token ${credential}`;
    }
    return page.request.post("/api/v1/mattermost/commands", { headers, data: form.toString() });
  };

  await page.goto("/settings/chat");
  const section = page.getByRole("region", { name: "Mattermost slash command" });
  await expect(section).toContainText("/api/v1/mattermost/commands");
  await expect(section.getByText("No command token is saved.")).toBeVisible();
  await section.getByLabel("Mattermost command token").fill("too short");
  await section.getByRole("button", { name: "Save Mattermost token" }).click();
  await expect(section.getByText(/Paste the Token Mattermost shows/)).toBeVisible();
  expect((await send("help")).status()).toBe(401);

  await section.getByLabel("Mattermost command token").fill(token);
  await section.getByRole("button", { name: "Save Mattermost token" }).click();
  await expect(section.getByText("Mattermost command token saved.")).toBeVisible();
  await expect(section.getByText("A command token is saved.")).toBeVisible();
  await expectNoA11yViolations(page);

  expect((await send("help", "wrongtoken0000000000000000")).status()).toBe(401);
  const help = await send("help");
  expect(help.status()).toBe(200);
  expect(await help.json()).toMatchObject({
    response_type: "ephemeral",
    text: expect.stringContaining("/postmortem new <title> [sev1-4]"),
  });

  // The documented user (somename) connects, in the browser of the signed-in owner.
  const refused = (await (await send("new Payments API 502s sev2")).json()) as { text: string };
  const link = /https?:\/\/\S+\/chat\/link\/\S+/.exec(refused.text)![0];
  await page.goto(new URL(link).pathname);
  await expect(page.getByText("Chat user somename will act as")).toBeVisible();
  await page.getByRole("button", { name: "Connect my account" }).click();
  await expect(page.getByText(/Connected: somename now acts as you/)).toBeVisible();

  const opened = (await (await send("new Payments API 502s sev2")).json()) as {
    response_type: string;
    text: string;
  };
  expect(opened).toMatchObject({
    response_type: "in_channel",
    text: expect.stringMatching(/^somename opened INC-\d+ Payments API 502s \(SEV2\): http/),
  });
  await page.goto(new URL(/(https?:\/\/\S+\/incidents\/\S+)$/.exec(opened.text)![1]!).pathname);
  await expect(page.getByRole("heading", { name: /Payments API 502s/ })).toBeVisible();

  await page.goto("/settings/chat");
  await expect(
    page.getByRole("listitem").filter({ hasText: "somename (Mattermost)" }),
  ).toBeVisible();
});

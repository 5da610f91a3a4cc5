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

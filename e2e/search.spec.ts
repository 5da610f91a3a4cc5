import { expect, test } from "@playwright/test";
import { signUpWithTeam, uniqueEmail } from "./support/auth";
import { expectNoA11yViolations } from "./support/axe";
import { addWhy } from "./support/learning-db";
import { createIncidentFor } from "./support/whys-db";

test("search from the header box (/ focuses it) lands on the 5 Whys statement it found", async ({
  page,
}) => {
  const email = uniqueEmail("searcher");
  await signUpWithTeam(page, email, "Search Team");
  const { incidentId } = await createIncidentFor(email, {
    title: "Checkout outage after failover",
    customerImpact: "Customers could not complete checkout for 38 minutes.",
    events: [{ minutes: 12, kind: "ALERT", body: "PagerDuty: checkout 5xx rate above 5%" }],
  });
  const symptom = await addWhy(incidentId, "Checkout API returned 502 errors");
  const cause = await addWhy(incidentId, "Connection leak in the retry handler kept sockets open", {
    parentId: symptom,
    category: "TOOLING",
  });

  await page.goto("/incidents");
  await page.locator("main").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("/");
  const box = page.getByRole("searchbox", { name: /Search incidents/ });
  await expect(box).toBeFocused();
  await box.fill("retry handler");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/search\?q=retry\+handler/);
  const hits = page.getByTestId("search-hit");
  await expect(hits.first()).toBeVisible();
  const hit = hits.filter({ hasText: "Root cause" });
  await expect(hit.locator("mark")).toHaveText(["retry", "handler"]);
  await expectNoA11yViolations(page);

  await hit.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${incidentId}/whys\\?node=${cause}`));
  await expect(page.locator(`#why-node-${cause}`)).toBeFocused();
});

test("a search with no result names the filters and removing one brings results back", async ({
  page,
}) => {
  const email = uniqueEmail("filterer");
  await signUpWithTeam(page, email, "Filter Team");
  await createIncidentFor(email, {
    title: "Payment webhook backlog",
    customerImpact: "Refunds were late.",
  });

  await page.goto("/search?q=webhook&severity=SEV4");
  await expect(page.getByText("No results for “webhook” with these filters")).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole("link", { name: "Remove “SEV4”" }).click();
  await expect(page.getByTestId("search-hit")).toHaveCount(1);
  await expect(page.getByTestId("search-hit").locator("mark")).toHaveText(["webhook"]);

  // A typo: corrected from the team's own words, said so, with the corrected word highlighted.
  await page.goto("/search?q=webhok+backlgo");
  const corrected = page.getByTestId("search-corrected");
  await expect(corrected).toContainText(
    "No exact matches for “webhok backlgo”. Showing results for “webhook backlog”.",
  );
  await expect(page.getByTestId("search-hit").locator("mark")).toHaveText(["webhook", "backlog"]);
  await expectNoA11yViolations(page);
  await corrected.getByRole("link", { name: "Search for “webhook backlog” instead" }).click();
  await expect(page).toHaveURL(/\/search\?q=webhook\+backlog$/);
  await expect(page.getByTestId("search-corrected")).toHaveCount(0);
  await expect(page.getByTestId("search-hit")).toHaveCount(1);
});

test("this happened before: the incident page and the 5 Whys answer box show a past incident with a similar cause", async ({
  page,
}) => {
  const email = uniqueEmail("recurrence");
  await signUpWithTeam(page, email, "Recurrence Team");
  const past = await createIncidentFor(email, {
    title: "Payments failing during database failover",
    customerImpact: "Payments failed.",
  });
  await addWhy(past.incidentId, "Connection pool too small for the failover traffic", {
    category: "CAPACITY",
  });
  const now = await createIncidentFor(email, {
    title: "Checkout down after failover",
    customerImpact: "Checkout failed.",
  });
  await addWhy(now.incidentId, "Connection pool was too small for failover traffic", {
    category: "CAPACITY",
  });

  await page.goto(`/incidents/${now.incidentId}`);
  const panel = page.getByRole("region", { name: "This happened before" });
  await expect(
    panel.getByRole("link", { name: /Payments failing during database failover/ }),
  ).toBeVisible();
  await expect(panel).toContainText("similar cause");
  await expectNoA11yViolations(page);

  await page.goto(`/incidents/${now.incidentId}/whys`);
  await page.getByLabel("Answer (a cause)").fill("the connection pool is too small");
  const hint = page.getByTestId("similar-while-typing");
  await expect(
    hint.getByRole("link", { name: /Payments failing during database failover/ }),
  ).toBeVisible();
  await page.getByLabel("Answer (a cause)").fill("a certificate expired on the CDN edge");
  await expect(hint).toHaveCount(0);
});

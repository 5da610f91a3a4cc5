import { expect, test } from "@playwright/test";
import { signUpWithTeam, uniqueEmail } from "./support/auth";
import { addWhyNodes, citeEvent, closeReportDb, seedIncident, teamOf } from "./support/report-db";

test.afterAll(async () => {
  await closeReportDb();
});

test("“Cited by 5 Whys” on a timeline event opens the editor with that cause selected and in view", async ({
  page,
}) => {
  const email = uniqueEmail("cited");
  await signUpWithTeam(page, email, "Cited Team");
  const { teamId, userId } = await teamOf(email);
  const incident = await seedIncident(teamId, userId, "Cited evidence");
  // Thirty causes above it, so the cited one is well below the first screen.
  await addWhyNodes(incident.incidentId, null, 30);
  await citeEvent(incident.incidentId, incident.rootCauseId, "Restarted the connection pooler");

  await page.goto(`/incidents/${incident.incidentId}`);
  await page.getByRole("link", { name: "Pool connections are never validated" }).click();
  await expect(page).toHaveURL(
    new RegExp(`/incidents/${incident.incidentId}/whys\\?node=${incident.rootCauseId}$`),
  );
  const cause = page.getByRole("treeitem", { name: /Pool connections are never validated/ });
  await expect(cause).toBeFocused();
  await expect(cause).toBeInViewport();
});

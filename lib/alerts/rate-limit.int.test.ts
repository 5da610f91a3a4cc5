import { beforeAll, expect, it } from "vitest";
import { initialResult } from "@/lib/action-result";
import { form } from "@/test/actions";
import { createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";

// A small burst for this file only, set before anything reads (and caches) the environment.
let actions: typeof import("./actions");
let route: typeof import("./route");
beforeAll(async () => {
  process.env.ALERT_RATE_BURST = "3";
  process.env.ALERT_RATE_PER_SECOND = "0.1";
  actions = await import("./actions");
  route = await import("./route");
});

async function post(sourceId: string, token: string, id: string) {
  const res = await route.alertWebhookRoute(
    new Request(`http://hindsight.test/api/v1/alerts/${sourceId}`, {
      method: "POST",
      body: JSON.stringify({ status: "firing", id, title: `Disk full ${id}`, severity: "warning" }),
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({ sourceId }) },
  );
  return res;
}

it("limits deliveries per source: a storm from one source is answered 429 while another source goes on", async () => {
  const t = await createTeamWithMembers("Storm");
  signInAs(t.owner.id, t.team.id);
  const make = async (name: string) =>
    (await actions.createAlertSourceAction(
      initialResult,
      form({ name, kind: "GENERIC", defaultSeverity: "SEV3", rules: "" }),
    )) as { data: { id: string; token: string } };
  const noisy = (await make("Noisy")).data;
  const quiet = (await make("Quiet")).data;

  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await post(noisy.id, noisy.token, `n${i}`)).status);
  expect(statuses).toEqual([202, 202, 202, 429, 429]);
  const limited = await post(noisy.id, noisy.token, "n9");
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await limited.json()).toEqual({
    error: "Too many deliveries from this source: slow down.",
  });
  // Nothing of the refused ones was applied.
  expect(await testDb.incident.count({ where: { teamId: t.team.id } })).toBe(3);

  expect((await post(quiet.id, quiet.token, "q1")).status).toBe(202);
  expect(await testDb.incident.count({ where: { teamId: t.team.id } })).toBe(4);
});

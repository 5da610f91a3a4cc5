import { createHmac } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { initialResult } from "@/lib/action-result";
import { form } from "@/test/actions";
import { createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import {
  createAlertSourceAction,
  revokeAlertSourceAction,
  updateAlertSourceAction,
} from "./actions";
import { fixture, fixtureText } from "./fixtures";
import { alertWebhookRoute } from "./route";

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
const SENTRY_SECRET = "3f9c6b1d2e8a47f0b5c4d3e2f1a09876";

async function makeSource(kind: string, extra: Record<string, string> = {}) {
  signInAs(t.owner.id, t.team.id);
  const r = await createAlertSourceAction(
    initialResult,
    form({
      name: `${kind} prod`,
      kind,
      defaultSeverity: "SEV3",
      rules: "severity=critical SEV1\nseverity=warning SEV3",
      ...extra,
    }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data as { id: string; token: string | null };
}

async function post(sourceId: string, body: string, headers: Record<string, string> = {}) {
  const res = await alertWebhookRoute(
    new Request(`http://hindsight.test/api/v1/alerts/${sourceId}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    }),
    {
      params: Promise.resolve({ sourceId }),
    },
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const counts = async () => ({
  incidents: await testDb.incident.count({ where: { teamId: t.team.id } }),
  events: await testDb.timelineEvent.count({ where: { incident: { teamId: t.team.id } } }),
});

beforeEach(async () => {
  t = await createTeamWithMembers("Alerts");
});

describe("Alertmanager", () => {
  it("a firing group opens an incident (severity by rule); redelivery changes nothing; resolution adds an event and mitigates", async () => {
    const src = await makeSource("ALERTMANAGER", { mitigateWhenResolved: "on" });
    const auth = { authorization: `Bearer ${src.token}` };
    const first = await post(src.id, fixtureText("alertmanager-v4-firing.json"), auth);
    expect(first.status).toBe(202);
    const incident = await testDb.incident.findFirstOrThrow({
      where: { teamId: t.team.id },
      include: { events: true },
    });
    expect(incident).toMatchObject({
      title: "BlackBox Probe Failure: https://server.example.org",
      severity: "SEV1",
      status: "INVESTIGATING",
      services: ["http_checks"],
      createdById: t.owner.id,
    });
    expect(incident.startedAt.toISOString()).toBe("2023-02-06T13:08:45.828Z");
    expect(incident.events).toEqual([
      expect.objectContaining({
        kind: "ALERT",
        source: "ALERT_WEBHOOK",
        body: expect.stringContaining("Alert firing: BlackBox Probe Failure"),
      }),
    ]);

    const before = await counts();
    const again = await post(src.id, fixtureText("alertmanager-v4-firing.json"), auth);
    expect(again).toEqual({
      status: 200,
      body: { duplicate: true, message: "Already received: nothing changed." },
    });
    expect(await counts()).toEqual(before);

    const resolved = await post(src.id, fixtureText("alertmanager-v4-resolved.json"), auth);
    expect(resolved.status).toBe(202);
    const after = await testDb.incident.findUniqueOrThrow({
      where: { id: incident.id },
      include: { events: { orderBy: { occurredAt: "asc" } } },
    });
    expect(after.events.map((e) => e.body.split("\n")[0])).toEqual([
      "Alert firing: BlackBox Probe Failure: https://server.example.org",
      "Alert resolved: BlackBox Probe Failure: https://server.example.org",
    ]);
    expect(after.mitigatedAt?.toISOString()).toBe("2023-02-06T13:25:15.828Z");
    expect(after.version).toBe(2);
    expect(
      await testDb.auditEvent.findFirst({
        where: { entityId: incident.id, action: "incident.update" },
        select: { actorLabel: true },
      }),
    ).toEqual({ actorLabel: "Alert source “ALERTMANAGER prod”" });
    // Redelivering the resolution is a duplicate too.
    expect(
      (await post(src.id, fixtureText("alertmanager-v4-resolved.json"), auth)).body.duplicate,
    ).toBe(true);

    const deliveries = await testDb.alertDelivery.findMany({
      where: { sourceId: src.id },
      orderBy: { receivedAt: "asc" },
      select: { outcome: true },
    });
    expect(deliveries.map((d) => d.outcome)).toEqual([
      "ACCEPTED",
      "DUPLICATE",
      "ACCEPTED",
      "DUPLICATE",
    ]);
  });

  it("without the option, resolution leaves mitigated unset; a new alert of the same group joins the open incident", async () => {
    const src = await makeSource("ALERTMANAGER");
    const auth = { authorization: `Bearer ${src.token}` };
    await post(src.id, fixtureText("alertmanager-v4-firing.json"), auth);
    const second = fixture("alertmanager-v4-firing.json") as {
      alerts: {
        fingerprint: string;
        labels: Record<string, string>;
        annotations: Record<string, string>;
      }[];
    };
    second.alerts[0]!.fingerprint = "2b41cb82ddb3a030";
    second.alerts[0]!.annotations.summary = "BlackBox Probe Failure: https://api.example.org";
    expect((await post(src.id, JSON.stringify(second), auth)).status).toBe(202);
    expect(await testDb.incident.count({ where: { teamId: t.team.id } })).toBe(1);
    expect(await testDb.incidentAlert.count({ where: { teamId: t.team.id } })).toBe(2);
    await post(src.id, fixtureText("alertmanager-v4-resolved.json"), auth);
    expect(
      (await testDb.incident.findFirstOrThrow({ where: { teamId: t.team.id } })).mitigatedAt,
    ).toBeNull();
  });
});

describe("Grafana, Kapacitor, generic", () => {
  it("Grafana's two alerts open one incident (same group)", async () => {
    const src = await makeSource("GRAFANA");
    const basic = `Basic ${Buffer.from(`grafana:${src.token}`).toString("base64")}`;
    const r = await post(src.id, fixtureText("grafana-firing.json"), { authorization: basic });
    expect(r.status).toBe(202);
    expect(await testDb.incident.count({ where: { teamId: t.team.id } })).toBe(1);
    expect(await testDb.timelineEvent.count({ where: { incident: { teamId: t.team.id } } })).toBe(
      2,
    );
  });

  it("Kapacitor CRITICAL opens, OK resolves", async () => {
    const src = await makeSource("KAPACITOR", { mitigateWhenResolved: "on" });
    const h = { "x-hindsight-token": src.token! };
    await post(src.id, fixtureText("kapacitor-critical.json"), h);
    await post(src.id, fixtureText("kapacitor-ok.json"), h);
    const inc = await testDb.incident.findFirstOrThrow({ where: { teamId: t.team.id } });
    expect(inc).toMatchObject({
      title: "tenant-00:resource-002:cpu:used is CRITICAL",
      severity: "SEV1",
    });
    expect(inc.mitigatedAt?.toISOString()).toBe("2019-02-13T22:12:28.352Z");
  });

  it("generic JSON uses the default severity when no rule matches", async () => {
    const src = await makeSource("GENERIC");
    const body = { ...fixture("generic-firing.json"), severity: "page-someone" };
    await post(src.id, JSON.stringify(body), { authorization: `Bearer ${src.token}` });
    expect(
      (await testDb.incident.findFirstOrThrow({ where: { teamId: t.team.id } })).severity,
    ).toBe("SEV3");
  });
});

describe("Sentry", () => {
  const signed = (body: string, at = Math.floor(Date.now() / 1000), secret = SENTRY_SECRET) => ({
    "sentry-hook-resource": "event_alert",
    "sentry-hook-timestamp": String(at),
    "sentry-hook-signature": createHmac("sha256", secret).update(body).digest("hex"),
    "request-id": "b3bd1f44-0b8c-4a1e-9d54-6b5d5c7b1e0a",
  });

  it("accepts the documented issue alert when signed; refuses bad, stale and replayed requests", async () => {
    const src = await makeSource("SENTRY", { clientSecret: SENTRY_SECRET });
    expect(src.token).toBeNull();
    const body = fixtureText("sentry-event-alert.json");
    expect((await post(src.id, body, signed(body, undefined, "not-the-secret"))).status).toBe(401);
    expect(
      (await post(src.id, body, signed(body, Math.floor(Date.now() / 1000) - 600))).status,
    ).toBe(401);
    expect((await post(src.id, body, { authorization: "Bearer whatever" })).status).toBe(401);
    expect(await counts()).toEqual({ incidents: 0, events: 0 });

    expect((await post(src.id, body, signed(body))).status).toBe(202);
    expect(await testDb.incident.findFirstOrThrow({ where: { teamId: t.team.id } })).toMatchObject({
      title: "ReferenceError: heck is not defined",
      severity: "SEV3",
    });
    // A replay: same signed body, fresh timestamp header (Sentry does not sign the timestamp).
    expect(
      (await post(src.id, body, signed(body, Math.floor(Date.now() / 1000) + 1))).body.duplicate,
    ).toBe(true);
    expect(await counts()).toEqual({ incidents: 1, events: 1 });

    const reasons = await testDb.alertDelivery.findMany({
      where: { sourceId: src.id, outcome: "REFUSED" },
      orderBy: { receivedAt: "asc" },
      select: { reason: true },
    });
    expect(reasons.map((r) => r.reason)).toEqual([
      "Bad signature.",
      "Stale request (timestamp outside 5 minutes).",
      "Missing Sentry-Hook-Signature.",
    ]);
  });
});

describe("refusals change nothing", () => {
  it("missing or wrong token, malformed bodies, a revoked or another team's source", async () => {
    const src = await makeSource("ALERTMANAGER");
    const auth = { authorization: `Bearer ${src.token}` };
    expect((await post(src.id, fixtureText("alertmanager-v4-firing.json"))).status).toBe(401);
    expect(
      (
        await post(src.id, fixtureText("alertmanager-v4-firing.json"), {
          authorization: "Bearer hsa_guess",
        })
      ).status,
    ).toBe(401);
    expect((await post(src.id, "{oops", auth)).status).toBe(400);
    const bad = await post(
      src.id,
      JSON.stringify({ ...fixture("alertmanager-v4-firing.json"), alerts: [{ status: "firing" }] }),
      auth,
    );
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fieldErrors as object)).toEqual(["alerts.0.startsAt"]);
    expect(await counts()).toEqual({ incidents: 0, events: 0 });

    const other = await createTeamWithMembers("Other");
    signInAs(other.owner.id, other.team.id);
    const theirs = (await createAlertSourceAction(
      initialResult,
      form({ name: "Theirs", kind: "ALERTMANAGER", defaultSeverity: "SEV3" }),
    )) as { data: { id: string } };
    // Our token does not open their source.
    expect(
      (await post(theirs.data.id, fixtureText("alertmanager-v4-firing.json"), auth)).status,
    ).toBe(401);
    expect(await testDb.incident.count({ where: { teamId: other.team.id } })).toBe(0);

    signInAs(t.owner.id, t.team.id);
    // Another team's source cannot be revoked or edited from here.
    expect(
      (await revokeAlertSourceAction(initialResult, form({ sourceId: theirs.data.id }))).ok,
    ).toBe(false);
    expect(
      (
        await updateAlertSourceAction(
          initialResult,
          form({ sourceId: theirs.data.id, defaultSeverity: "SEV1", rules: "" }),
        )
      ).ok,
    ).toBe(false);
    expect(await revokeAlertSourceAction(initialResult, form({ sourceId: src.id }))).toMatchObject({
      ok: true,
    });
    expect((await post(src.id, fixtureText("alertmanager-v4-firing.json"), auth)).status).toBe(404);
  });

  it("settings forms name the wrong field and only owners may use them", async () => {
    signInAs(t.owner.id, t.team.id);
    const r = await createAlertSourceAction(
      initialResult,
      form({ name: "", kind: "SENTRY", defaultSeverity: "SEV3", rules: "severity=critical SEV9" }),
    );
    expect(!r.ok && Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["name", "rules"]);
    const s = await createAlertSourceAction(
      initialResult,
      form({ name: "S", kind: "SENTRY", defaultSeverity: "SEV3" }),
    );
    expect(!s.ok && s.fieldErrors?.clientSecret).toEqual([
      "Paste the Client Secret of your Sentry integration.",
    ]);
    signInAs(t.editor.id, t.team.id);
    expect(
      (
        await createAlertSourceAction(
          initialResult,
          form({ name: "E", kind: "GENERIC", defaultSeverity: "SEV3" }),
        )
      ).ok,
    ).toBe(false);
    expect(await testDb.alertSource.count({ where: { teamId: t.team.id } })).toBe(0);
  });
});

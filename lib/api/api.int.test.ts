import { beforeEach, describe, expect, it } from "vitest";
import { initialResult } from "@/lib/action-result";
import { form } from "@/test/actions";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";
import { hashSecret } from "./tokens";
import * as v1 from "./v1";
import snapshotV1 from "@/lib/reports/fixtures/snapshot-v1.json";
import { SNAPSHOT_SCHEMA } from "@/lib/reports/snapshot";

type Route = (
  request: Request,
  context?: { params: Promise<Record<string, string>> },
) => Promise<Response>;

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let readToken: string;
let writeToken: string;

async function makeToken(scope: "READ" | "WRITE", name = `${scope} token`) {
  signInAs(t.owner.id, t.team.id);
  const result = await createApiTokenAction(initialResult, form({ name, scope }));
  if (!result.ok || !result.data) throw new Error(`token not created: ${JSON.stringify(result)}`);
  return (result.data as { token: string }).token;
}

async function call(
  route: Route,
  opts: {
    token?: string | null;
    method?: string;
    path?: string;
    body?: unknown;
    raw?: string;
    params?: Record<string, string>;
  } = {},
) {
  const headers = new Headers({ "content-type": "application/json" });
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  const request = new Request(`http://hindsight.test/api/v1${opts.path ?? "/incidents"}`, {
    method: opts.method ?? (opts.body !== undefined || opts.raw !== undefined ? "POST" : "GET"),
    headers,
    body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
  });
  const response = await route(request, { params: Promise.resolve(opts.params ?? {}) });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & {
      fieldErrors?: Record<string, string[]>;
    },
  };
}

const newIncident = {
  title: "Payments API 500s",
  severity: "SEV2",
  startedAt: "2026-11-30T09:15:00Z",
  services: ["payments"],
};

beforeEach(async () => {
  t = await createTeamWithMembers("Api");
  readToken = await makeToken("READ");
  writeToken = await makeToken("WRITE");
});

describe("API tokens", () => {
  it("are stored only as a hash, with a display prefix and an audit row", async () => {
    const row = await testDb.apiToken.findFirstOrThrow({
      where: { teamId: t.team.id, scope: "WRITE" },
    });
    expect(row.tokenHash).toBe(hashSecret(writeToken));
    expect(JSON.stringify(row)).not.toContain(writeToken);
    expect(writeToken.startsWith(row.prefix.replace("…", ""))).toBe(true);
    expect(
      await testDb.auditEvent.count({ where: { teamId: t.team.id, action: "api_token.create" } }),
    ).toBe(2);
  });

  it("can be created and revoked by owners only", async () => {
    signInAs(t.editor.id, t.team.id);
    expect(
      (await createApiTokenAction(initialResult, form({ name: "Sneaky", scope: "WRITE" }))).ok,
    ).toBe(false);
    const token = await testDb.apiToken.findFirstOrThrow({
      where: { teamId: t.team.id, scope: "READ" },
    });
    expect((await revokeApiTokenAction(initialResult, form({ tokenId: token.id }))).ok).toBe(false);
    signInAs(t.owner.id, t.team.id);
    const bad = await createApiTokenAction(initialResult, form({ name: " ", scope: "ADMIN" }));
    expect(!bad.ok && bad.fieldErrors).toEqual({
      name: ["Name the token (what uses it)."],
      scope: ["Choose read or write."],
    });
  });

  it("answers 401 for a missing, wrong or revoked token, and 401 once its creator left", async () => {
    expect((await call(v1.listIncidentsRoute, { token: null })).status).toBe(401);
    expect((await call(v1.listIncidentsRoute, { token: "hs_not-a-real-token" })).status).toBe(401);
    expect((await call(v1.listIncidentsRoute, { token: readToken })).status).toBe(200);
    const row = await testDb.apiToken.findFirstOrThrow({
      where: { tokenHash: hashSecret(readToken) },
    });
    signInAs(t.owner.id, t.team.id);
    expect(await revokeApiTokenAction(initialResult, form({ tokenId: row.id }))).toMatchObject({
      ok: true,
    });
    expect((await call(v1.listIncidentsRoute, { token: readToken })).status).toBe(401);
    await testDb.membership.delete({
      where: { teamId_userId: { teamId: t.team.id, userId: t.owner.id } },
    });
    expect((await call(v1.listIncidentsRoute, { token: writeToken })).status).toBe(401);
  });

  it("records last use and audits each request", async () => {
    await call(v1.listIncidentsRoute, { token: readToken, path: "/incidents?severity=SEV1" });
    const row = await testDb.apiToken.findFirstOrThrow({
      where: { tokenHash: hashSecret(readToken) },
    });
    expect(row.lastUsedAt).not.toBeNull();
    const audit = await testDb.auditEvent.findFirstOrThrow({
      where: { teamId: t.team.id, action: "api.request", entityId: row.id },
    });
    expect(audit).toMatchObject({
      actorLabel: "API token “READ token”",
      data: { method: "GET", path: "/api/v1/incidents", status: 200 },
    });
  });

  it("is rate-limited per token (429 with Retry-After), other tokens unaffected", async () => {
    const row = await testDb.apiToken.findFirstOrThrow({
      where: { tokenHash: hashSecret(readToken) },
    });
    await testDb.rateLimitBucket.create({
      data: { key: `api:${row.id}`, tokens: -5, updatedAt: new Date() },
    });
    expect((await call(v1.listIncidentsRoute, { token: readToken })).status).toBe(429);
    expect((await call(v1.listIncidentsRoute, { token: writeToken })).status).toBe(200);
  });
});

describe("incidents", () => {
  it("creates with the team's next number, credited to the token's creator", async () => {
    await createIncident(t.team.id, t.owner.id);
    const res = await call(v1.createIncidentRoute, { token: writeToken, body: newIncident });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: 2,
      key: "INC-2",
      title: "Payments API 500s",
      status: "INVESTIGATING",
      startedAt: "2026-11-30T09:15:00.000Z",
      services: ["payments"],
      version: 1,
    });
    const row = await testDb.incident.findUniqueOrThrow({ where: { id: res.body.id as string } });
    expect(row.createdById).toBe(t.owner.id);
    expect(
      await testDb.auditEvent.count({ where: { action: "incident.create", entityId: row.id } }),
    ).toBe(1);
  });

  it("refuses a read-only token with 403 and saves nothing", async () => {
    const res = await call(v1.createIncidentRoute, { token: readToken, body: newIncident });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe("This token is read-only.");
    expect(await testDb.incident.count({ where: { teamId: t.team.id } })).toBe(0);
  });

  it("names the wrong fields (422) and saves nothing", async () => {
    const res = await call(v1.createIncidentRoute, {
      token: writeToken,
      body: {
        ...newIncident,
        title: "  ",
        severity: "SEV9",
        resolvedAt: "2026-11-30T08:00:00Z",
        color: "red",
      },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fieldErrors!).sort()).toEqual(["color", "severity"]);
    const title = await call(v1.createIncidentRoute, {
      token: writeToken,
      body: { ...newIncident, title: " " },
    });
    expect(title.status).toBe(422);
    expect(title.body.fieldErrors).toEqual({ title: ["Enter a title."] });
    // The app's lifecycle rule: nothing resolves before it started.
    const order = await call(v1.createIncidentRoute, {
      token: writeToken,
      body: { ...newIncident, resolvedAt: "2026-11-30T08:00:00Z" },
    });
    expect(order.status).toBe(422);
    expect(Object.keys(order.body.fieldErrors!)).toEqual(["resolvedAt"]);
    const time = await call(v1.createIncidentRoute, {
      token: writeToken,
      body: { ...newIncident, startedAt: "yesterday" },
    });
    expect(time.body.fieldErrors?.startedAt).toEqual([
      "Use an ISO 8601 date and time, e.g. 2026-01-10T14:02:00Z.",
    ]);
    expect(
      (await call(v1.createIncidentRoute, { token: writeToken, raw: "{not json" })).status,
    ).toBe(400);
    expect(await testDb.incident.count({ where: { teamId: t.team.id } })).toBe(0);
  });

  it("updates with the same transition rules and optimistic version as the app", async () => {
    const created = (await call(v1.createIncidentRoute, { token: writeToken, body: newIncident }))
      .body;
    const params = { id: created.id as string };
    const ok = await call(v1.patchIncidentRoute, {
      token: writeToken,
      method: "PATCH",
      params,
      body: { version: 1, status: "RESOLVED", resolvedAt: "2026-11-30T10:00:00Z" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "RESOLVED", version: 2, title: "Payments API 500s" });
    const stale = await call(v1.patchIncidentRoute, {
      token: writeToken,
      method: "PATCH",
      params,
      body: { version: 1, title: "Renamed" },
    });
    expect(stale.status).toBe(409);
    expect((stale.body.conflict as { changed: string[] }).changed).toEqual(
      expect.arrayContaining(["status", "resolvedAt"]),
    );
    const rule = await call(v1.patchIncidentRoute, {
      token: writeToken,
      method: "PATCH",
      params,
      body: { version: 2, status: "MONITORING" },
    });
    expect(rule.status).toBe(422);
    expect(Object.keys(rule.body.fieldErrors!)).toEqual(["status"]);
    expect((await testDb.incident.findUniqueOrThrow({ where: { id: params.id } })).status).toBe(
      "RESOLVED",
    );
  });

  it("lists and reads only the token's team; another team's id is 404 and untouched", async () => {
    const other = await createTeamWithMembers("Other");
    const foreign = await createIncident(other.team.id, other.owner.id, { title: "Not yours" });
    const mine = await createIncident(t.team.id, t.owner.id, { title: "Ours" });
    const list = await call(v1.listIncidentsRoute, { token: readToken });
    expect((list.body.data as { title: string }[]).map((i) => i.title)).toEqual(["Ours"]);
    expect(
      (await call(v1.getIncidentRoute, { token: readToken, params: { id: mine.id } })).body.title,
    ).toBe("Ours");
    expect(
      (await call(v1.getIncidentRoute, { token: readToken, params: { id: foreign.id } })).status,
    ).toBe(404);
    expect(
      (
        await call(v1.patchIncidentRoute, {
          token: writeToken,
          method: "PATCH",
          params: { id: foreign.id },
          body: { version: 1, title: "Mine now" },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(v1.listTimelineRoute, { token: readToken, params: { id: foreign.id } })).status,
    ).toBe(404);
    expect(
      (
        await call(v1.createTimelineRoute, {
          token: writeToken,
          params: { id: foreign.id },
          body: { occurredAt: "2026-11-30T09:20:00Z", body: "x" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(v1.listIncidentActionItemsRoute, {
          token: readToken,
          params: { id: foreign.id },
        })
      ).status,
    ).toBe(404);
    expect(await testDb.incident.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({
      title: "Not yours",
      version: 1,
    });
    expect(await testDb.timelineEvent.count({ where: { incidentId: foreign.id } })).toBe(0);
  });
});

describe("timeline, action items, reports", () => {
  it("adds events marked as coming from the API and lists them in time order", async () => {
    const inc = await createIncident(t.team.id, t.owner.id);
    const params = { id: inc.id };
    const a = await call(v1.createTimelineRoute, {
      token: writeToken,
      params,
      body: {
        occurredAt: "2026-01-10T14:05:00Z",
        kind: "ACTION",
        body: "Rolled back",
        isKey: true,
      },
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({
      kind: "ACTION",
      body: "Rolled back",
      source: "API",
      isKey: true,
    });
    await call(v1.createTimelineRoute, {
      token: writeToken,
      params,
      body: { occurredAt: "2026-01-10T14:01:00Z", body: "Pager fired" },
    });
    const bad = await call(v1.createTimelineRoute, {
      token: writeToken,
      params,
      body: { occurredAt: "2026-01-10T14:01:00Z", body: "", kind: "GOSSIP" },
    });
    expect(Object.keys(bad.body.fieldErrors!).sort()).toEqual(["kind"]);
    const empty = await call(v1.createTimelineRoute, {
      token: writeToken,
      params,
      body: { occurredAt: "2026-01-10T14:01:00Z", body: " " },
    });
    expect(empty.body.fieldErrors).toEqual({ body: ["Describe what happened."] });
    const list = await call(v1.listTimelineRoute, { token: readToken, params });
    expect((list.body.data as { body: string }[]).map((e) => e.body)).toEqual([
      "Pager fired",
      "Rolled back",
    ]);
    expect(
      (
        await call(v1.createTimelineRoute, {
          token: readToken,
          params,
          body: { occurredAt: "2026-01-10T14:01:00Z", body: "x" },
        })
      ).status,
    ).toBe(403);
  });

  it("reads action items and published reports of the team only", async () => {
    const inc = await createIncident(t.team.id, t.owner.id);
    await testDb.actionItem.create({
      data: {
        teamId: t.team.id,
        incidentId: inc.id,
        title: "Add a canary",
        dueDate: new Date("2026-02-01T00:00:00Z"),
        type: "DETECT",
        trackerUrl: "https://tracker.example/OPS-9",
      },
    });
    const items = await call(v1.listActionItemsRoute, { token: readToken, path: "/action-items" });
    expect(items.body.data).toEqual([
      expect.objectContaining({
        title: "Add a canary",
        dueDate: "2026-02-01",
        type: "DETECT",
        trackerUrl: "https://tracker.example/OPS-9",
        status: "OPEN",
        incidentId: inc.id,
      }),
    ]);
    expect(
      (await call(v1.listIncidentActionItemsRoute, { token: readToken, params: { id: inc.id } }))
        .body.data,
    ).toHaveLength(1);

    const report = await testDb.report.create({
      data: { incidentId: inc.id, status: "PUBLISHED" },
    });
    const version = await testDb.reportVersion.create({
      data: {
        reportId: report.id,
        number: 1,
        title: "INC-1 Checkout errors",
        snapshot: snapshotV1,
        publishedById: t.owner.id,
      },
    });
    const reports = await call(v1.listReportsRoute, { token: readToken, path: "/reports" });
    expect(reports.body.data).toEqual([
      expect.objectContaining({ id: version.id, number: 1, incidentId: inc.id }),
    ]);
    expect(
      (await call(v1.getReportRoute, { token: readToken, params: { id: version.id } })).body,
    ).toMatchObject({
      title: "INC-1 Checkout errors",
      snapshot: { schema: SNAPSHOT_SCHEMA, title: snapshotV1.title },
    }); // v1 rows are read in the current shape
    const other = await createTeamWithMembers("Other");
    signInAs(other.owner.id, other.team.id);
    const theirs = await createApiTokenAction(
      initialResult,
      form({ name: "theirs", scope: "READ" }),
    );
    const otherToken = (theirs as { data: { token: string } }).data.token;
    expect(
      (await call(v1.getReportRoute, { token: otherToken, params: { id: version.id } })).status,
    ).toBe(404);
    expect(
      (await call(v1.listActionItemsRoute, { token: otherToken, path: "/action-items" })).body.data,
    ).toEqual([]);
  });
});

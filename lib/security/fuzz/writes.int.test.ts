// No partial write (issue 14, "hostile input"): arbitrary bad inputs fired at representative
// server actions and endpoints against real PostgreSQL. Every call answers (an ActionResult or
// an HTTP status below 500, never an exception), and a refused call leaves every row of the
// team as it was: incidents, timeline events, 5 Whys nodes, action items, report texts, audit
// rows, the team and the user.
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { initialResult, type ActionResult } from "@/lib/action-result";
import { createActionItemAction, updateActionItemAction } from "@/lib/action-items/actions";
import { createAlertSourceAction } from "@/lib/alerts/actions";
import { fixtureText } from "@/lib/alerts/fixtures";
import { alertWebhookRoute } from "@/lib/alerts/route";
import { createApiTokenAction } from "@/lib/api/actions";
import { confirmChatLinkAction, saveChatIntegrationAction } from "@/lib/chatops/actions";
import { parseCommand } from "@/lib/chatops/commands";
import { slackCommandRoute } from "@/lib/chatops/route";
import { slackSignature } from "@/lib/chatops/verify";
import * as v1 from "@/lib/api/v1";
import { createIncidentAction, updateIncidentAction } from "@/lib/incidents/actions";
import { saveNarrativeAction } from "@/lib/reports/actions";
import { renameTeamAction, updateProfileAction } from "@/lib/teams/actions";
import { addTimelineEventAction, importTimelineAction } from "@/lib/timeline/actions";
import { createWhyNodeAction, updateWhyStatementAction } from "@/lib/whys/actions";
import { form } from "@/test/actions";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import { hostileString, hostileValue, mutated, xssPayloads } from "./hostile";

/** Database round trips per call: a moderate number of runs keeps the file under a minute. */
const WRITE_RUNS = 25;

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let incidentId: string;

/** Everything a write could touch, for this team and its editor. */
async function fingerprint() {
  const team = { teamId: t.team.id };
  const inTeam = { incident: team };
  const [teamRow, user, incidents, events, whys, items, reports, audits, deliveries] =
    await Promise.all([
      testDb.team.findUniqueOrThrow({
        where: { id: t.team.id },
        select: { name: true, incidentSeq: true },
      }),
      testDb.user.findUniqueOrThrow({
        where: { id: t.editor.id },
        select: { name: true, timeZone: true },
      }),
      testDb.incident.findMany({
        where: team,
        select: { id: true, version: true, title: true },
        orderBy: { id: "asc" },
      }),
      testDb.timelineEvent.count({ where: inTeam }),
      testDb.whyNode.findMany({
        where: inTeam,
        select: { id: true, version: true },
        orderBy: { id: "asc" },
      }),
      testDb.actionItem.findMany({
        where: inTeam,
        select: { id: true, version: true },
        orderBy: { id: "asc" },
      }),
      testDb.report.findMany({
        where: inTeam,
        select: { id: true, version: true, narrative: true },
      }),
      // Every API call is logged ("api.request", with its status) by design: not a write of the request.
      testDb.auditEvent.count({ where: { ...team, action: { not: "api.request" } } }),
      testDb.incidentAlert.count({ where: inTeam }),
    ]);
  return { teamRow, user, incidents, events, whys, items, reports, audits, deliveries };
}

type Outcome = { ok: boolean; detail: string };

/** Runs a server action; a redirect (Next's thrown digest) is its success. Anything else thrown fails the test. */
async function act(call: () => Promise<ActionResult<unknown>>): Promise<Outcome> {
  try {
    const r = await call();
    if (!r.ok) {
      expect(r.message.trim()).not.toBe("");
      for (const [field, messages] of Object.entries(r.fieldErrors ?? {})) {
        expect(field).not.toBe("");
        expect(messages?.every((m) => m.trim().length > 0)).toBe(true);
      }
    }
    return { ok: r.ok, detail: r.ok ? "" : `${r.message} ${JSON.stringify(r.fieldErrors ?? {})}` };
  } catch (error) {
    if (String((error as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT"))
      return { ok: true, detail: "redirect" };
    throw error;
  }
}

/** Fires hostile inputs; after every refusal the team's rows must be exactly as before. */
async function noPartialWrite(
  inputs: fc.Arbitrary<unknown>,
  call: (input: unknown) => Promise<Outcome>,
) {
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(inputs, async (input) => {
      const before = await fingerprint();
      const outcome = await call(input);
      if (outcome.ok) return;
      refused++;
      expect(await fingerprint()).toEqual(before);
    }),
    { numRuns: WRITE_RUNS },
  );
  // The inputs must really be hostile: some of them are refused (free-text fields accept most).
  expect(refused).toBeGreaterThan(0);
}

/** A valid form where one field is replaced by a hostile string (what a browser can send). */
const formMutation = (valid: Record<string, string>) =>
  fc.oneof(
    fc
      .tuple(fc.constantFrom(...Object.keys(valid)), hostileValue())
      .map(([k, v]) => ({ ...valid, [k]: formText(v) })),
    mutated(valid),
  );

/** A value as a form field carries it: always text. */
function formText(v: unknown): string {
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return "";
  }
}

const asForm = (input: unknown) => {
  const fd = new FormData();
  if (input && typeof input === "object" && !Array.isArray(input)) {
    for (const [k, v] of Object.entries(input)) if (v !== undefined) fd.set(k, formText(v));
  }
  return fd;
};

beforeEach(async () => {
  t = await createTeamWithMembers("Fuzz");
  incidentId = (await createIncident(t.team.id, t.owner.id)).id;
  signInAs(t.editor.id, t.team.id);
});

const incidentFields = {
  title: "Checkout errors",
  severity: "SEV2",
  status: "INVESTIGATING",
  timeZone: "Europe/Berlin",
  startedAt: "2026-01-10T15:00",
  detectedAt: "2026-01-10T14:00",
  summary: "",
  customerImpact: "",
  services: "checkout",
  tags: "",
  commanderId: "",
};

describe("server actions refuse hostile input without writing anything", () => {
  it("create an incident", async () => {
    await noPartialWrite(formMutation(incidentFields), (i) =>
      act(() => createIncidentAction(initialResult, asForm(i))),
    );
  });

  it("update an incident", async () => {
    await noPartialWrite(
      formMutation({ ...incidentFields, detectedAt: "", id: incidentId, version: "1" }),
      (i) => act(() => updateIncidentAction(initialResult, asForm(i))),
    );
  });

  it("add a timeline event", async () => {
    const valid = {
      incidentId,
      timeZone: "UTC",
      occurredAt: "2026-01-10T13:00",
      kind: "NOTE",
      body: "x",
      author: "",
    };
    await noPartialWrite(formMutation({ ...valid, occurredAt: "1969-01-01T00:00" }), (i) =>
      act(() => addTimelineEventAction(initialResult, asForm(i))),
    );
  });

  it("import a chat log with unreadable lines (all or nothing)", async () => {
    const line = fc.oneof(
      fc.constant("14:02 alice: db down"),
      fc.constantFrom(...xssPayloads()),
      hostileValue().map(formText),
    );
    const text = fc
      .array(line, { minLength: 2, maxLength: 8 })
      .map((l) => ["14:01 bob: paged", ...l, "not a chat line"].join("\n"));
    await noPartialWrite(text, (text) =>
      act(() =>
        importTimelineAction(
          initialResult,
          form({ incidentId, timeZone: "UTC", text: text as string }),
        ),
      ),
    );
  });

  it("add and change a 5 Whys cause", async () => {
    await noPartialWrite(mutated({ incidentId, parentId: null, statement: "x".repeat(501) }), (i) =>
      act(() => createWhyNodeAction(i)),
    );
    const created = await createWhyNodeAction({
      incidentId,
      parentId: null,
      statement: "Pool exhausted",
    });
    const nodeId = (created as { data?: { nodeId?: string } }).data!.nodeId!;
    await noPartialWrite(mutated({ incidentId, nodeId, version: 1, statement: "" }), (i) =>
      act(() => updateWhyStatementAction(i)),
    );
  });

  it("create and update an action item", async () => {
    const valid = {
      title: "Add a pool check",
      description: "",
      ownerId: "",
      dueDate: "2026-02-30",
      priority: "P2",
      type: "",
      status: "OPEN",
      wontDoReason: "",
      trackerUrl: "",
      whyNodeId: "",
    };
    await noPartialWrite(formMutation(valid), (i) =>
      act(() => createActionItemAction(incidentId, initialResult, asForm(i))),
    );
    expect(
      await act(() =>
        createActionItemAction(incidentId, initialResult, asForm({ ...valid, dueDate: "" })),
      ),
    ).toMatchObject({ ok: true });
    const item = await testDb.actionItem.findFirstOrThrow({ where: { incidentId } });
    await noPartialWrite(
      formMutation({ ...valid, id: item.id, version: "1", status: "WONT_DO" }),
      (i) => act(() => updateActionItemAction(incidentId, initialResult, asForm(i))),
    );
  });

  it("autosave report narrative", async () => {
    const deep = ">".repeat(30) + " nested";
    await noPartialWrite(
      mutated({ baseVersion: 1, changes: { summary: deep, impact: "ok" }, baseline: {} }),
      (i) => act(() => saveNarrativeAction(incidentId, i)),
    );
  });

  it("rename the team (owner) and change one's profile", async () => {
    signInAs(t.owner.id, t.team.id);
    await noPartialWrite(formMutation({ name: "x" }), (i) =>
      act(() => renameTeamAction(initialResult, asForm(i))),
    );
    signInAs(t.editor.id, t.team.id);
    await noPartialWrite(formMutation({ name: "Dana", timeZone: "Mars/Olympus" }), (i) =>
      act(() => updateProfileAction(initialResult, asForm(i))),
    );
  });
});

describe("endpoints answer hostile bodies with 4xx and write nothing", () => {
  const status = async (response: Promise<Response>): Promise<Outcome> => {
    const r = await response;
    expect(r.status).toBeLessThan(500);
    return { ok: r.status < 300 && r.status !== 200, detail: String(r.status) };
  };
  const asJson = (v: unknown) => {
    try {
      return JSON.stringify(v) ?? "null";
    } catch {
      return "{";
    }
  };

  it("alert webhook (generic JSON)", async () => {
    signInAs(t.owner.id, t.team.id);
    const src = await createAlertSourceAction(
      initialResult,
      form({ name: "Generic", kind: "GENERIC", defaultSeverity: "SEV3", rules: "" }),
    );
    const { id, token } = (src as { data: { id: string; token: string } }).data;
    const valid = {
      ...(JSON.parse(fixtureText("generic-firing.json")) as Record<string, unknown>),
      startedAt: "-010000-01-01T00:00:00Z",
    };
    await noPartialWrite(mutated(valid), (body) =>
      status(
        alertWebhookRoute(
          new Request(`http://hindsight.test/api/v1/alerts/${id}`, {
            method: "POST",
            body: asJson(body),
            headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          }),
          { params: Promise.resolve({ sourceId: id }) },
        ),
      ),
    );
  });

  const apiToken = async () => {
    signInAs(t.owner.id, t.team.id);
    const created = await createApiTokenAction(initialResult, form({ name: "CI", scope: "WRITE" }));
    return (created as { data: { token: string } }).data.token;
  };
  const postIncident = (token: string, body: string) =>
    (v1.createIncidentRoute as unknown as (r: Request, c: unknown) => Promise<Response>)(
      new Request("http://hindsight.test/api/v1/incidents", {
        method: "POST",
        body,
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      }),
      { params: Promise.resolve({}) },
    );

  it("REST API: a '__proto__' key is an unknown field (422), not a 500 (found by this file)", async () => {
    const token = await apiToken();
    const before = await fingerprint();
    const r = await postIncident(
      token,
      '{"title":"t","severity":"SEV2","startedAt":"2026-11-30T09:15:00Z","__proto__":""}',
    );
    expect(r.status).toBe(422);
    expect(await r.json()).toMatchObject({
      fieldErrors: JSON.parse('{"__proto__":["Unknown field."]}'),
    });
    expect(await fingerprint()).toEqual(before);
  });

  it("REST API: create an incident", async () => {
    const token = await apiToken();
    const valid = {
      title: "Payments API 500s",
      severity: "SEV2",
      startedAt: "2026-11-30T09:15:00Z",
      detectedAt: "2026-11-30T09:00:00Z",
    };
    await noPartialWrite(mutated(valid), (body) => status(postIncident(token, asJson(body))));
  });

  it("Slack slash commands (signed, linked editor)", async () => {
    const secret = "8f742231b10e8888abcd99yyyzzz85a5";
    const workspace = `T${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
    signInAs(t.owner.id, t.team.id);
    expect(
      await saveChatIntegrationAction(
        initialResult,
        form({ workspaceId: workspace, signingSecret: secret }),
      ),
    ).toMatchObject({ ok: true });
    let n = 0;
    const slash = async (text: string) => {
      n++;
      // Every run is a command to exercise, not one refused by the team's command rate.
      await testDb.rateLimitBucket.deleteMany({ where: { key: { startsWith: "chat:" } } });
      const body = new URLSearchParams({
        team_id: workspace,
        user_id: "U0FUZZ",
        user_name: "fuzz",
        command: "/postmortem",
        text,
        trigger_id: String(n),
      }).toString();
      const ts = String(Math.floor(Date.now() / 1000));
      const res = await slackCommandRoute(
        new Request("http://hindsight.test/api/v1/slack/commands", {
          method: "POST",
          body,
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-slack-request-timestamp": ts,
            "x-slack-signature": slackSignature(secret, ts, body),
          },
        }),
        { params: Promise.resolve({}) },
      );
      expect(res.status).toBeLessThan(500);
      return (await res.json()) as { text?: string };
    };
    const linkReply = await slash("link");
    signInAs(t.editor.id, t.team.id);
    expect(
      await confirmChatLinkAction(
        initialResult,
        form({ token: /\/chat\/link\/(\S+)/.exec(linkReply.text!)![1]! }),
      ),
    ).toMatchObject({ ok: true });
    const number = (await testDb.incident.findUniqueOrThrow({ where: { id: incidentId } })).number;
    const text = fc.oneof(
      hostileString(),
      fc
        .tuple(
          fc.constantFrom(
            "new",
            "note",
            "status",
            "whys",
            `note INC-${number}`,
            `status INC-${number}`,
            "note INC-999999",
          ),
          hostileString(),
        )
        .map(([v, rest]) => `${v} ${rest}`),
    );
    // A NUL byte cannot be stored (PostgreSQL text): refused before any write.
    expect((await slash(`note INC-${number} a\u0000b`)).text).toMatch(/NUL/);
    await noPartialWrite(text, async (t) => {
      const reply = await slash(t as string);
      const refused =
        parseCommand(t as string).name === "invalid" ||
        /^(Not changed|No INC-|Contains)/.test(reply.text ?? "");
      return { ok: !refused, detail: reply.text ?? "" };
    });
  });
});

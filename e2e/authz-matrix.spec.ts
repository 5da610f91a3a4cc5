// The permanent authorization matrix (issue 14). Every page, route handler, server action,
// REST route, alert webhook kind and chat command is discovered from the file system
// (test/endpoints.ts); each must have an entry saying what every kind of caller gets —
// anonymous, share-link holder, portal user, viewer, editor, owner, another team's owner,
// read-only / read-write API token, another team's token — so a new endpoint without one
// fails here. Two teams are seeded with marker strings (support/authz/world.ts), and no
// answer to any caller may carry a marker of data it must not see.
//
// How: real HTTP against the production build the e2e run starts (`next start`), with the
// callers' real credentials: session cookies (rows in Session, as a magic-link sign-in
// leaves them), share tokens, bearer API tokens, signed webhook and Slack requests. Server
// actions are called over HTTP too, the way the browser calls them: a POST with the action's
// id (from the build's server-reference manifest) in `Next-Action`, its arguments encoded as
// React does for plain values, and the action's result read from the RSC answer. Callers
// allowed by an action's permission send its input plus one field holding a NUL byte, which
// the builder refuses after authorizing and before anything runs: the answer proves the gate
// let them through and nothing changes. Refused callers send a valid input naming team A's
// records and must be refused; team A's data must be byte-for-byte the same afterwards.
// Decided in docs/decisions.md ("The authorization matrix").
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import type { AlertSourceKind } from "../lib/alerts/parse";
import { can } from "../lib/auth/permissions";
import { constStrings, discoverEndpoints, ROOT, unionNames, urlPattern } from "../test/endpoints";
import { EFFECTS, NO_EFFECT, type Effect, type Prepared } from "./support/authz/action-effects";
import { ACTION_MATRIX, type ActionEntry, type Gate } from "./support/authz/action-matrix";
import {
  CALLERS,
  credentials,
  leakedMarkers,
  forbiddenMarkers,
  type Caller,
} from "./support/authz/callers";
import { request, localAddressOf, type Answer } from "./support/authz/http";
import {
  defaultPath,
  HTTP_MATRIX,
  type HttpEntry,
  type Outcome,
} from "./support/authz/http-matrix";
import {
  CHAT_CALLERS,
  CHAT_MATRIX,
  CHAT_PRODUCTS,
  chatForbidden,
  chatRequest,
  type ChatProduct,
  fixtureBody,
  WEBHOOK_CALLERS,
  WEBHOOK_MATRIX,
  webhookHeaders,
} from "./support/authz/integrations-matrix";
import { MARKERS, seedWorld, teamFingerprint, type World } from "./support/authz/world";

const NOT_FOUND_PAGE = "This page does not exist, or you do not have access to it.";
const A_READERS: Caller[] = ["viewer", "editor", "owner", "tokenRead", "tokenWrite"];

test.describe.configure({ timeout: 300_000 });

const endpoints = discoverEndpoints();
const baseUrl = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error("E2E_BASE_URL is not set: run with `npm run test:e2e`");
  return url;
};

let world: World;

test.beforeAll(async () => {
  world = await seedWorld();
});

/** What the caller got, in the matrix's words. */
function outcomeOf(answer: Answer): Outcome {
  if (answer.status >= 300 && answer.status < 400) return `→${answer.location ?? "?"}`;
  // Every page's RSC payload carries the not-found component; the HTML only when it was shown.
  const html = answer.body.replace(/<script\b[\s\S]*?<\/script>/gi, "");
  if (
    answer.status === 200 &&
    answer.contentType.includes("text/html") &&
    html.includes(NOT_FOUND_PAGE)
  )
    return "soft404";
  return answer.status;
}

function matches(expected: Outcome, actual: Outcome): boolean {
  if (expected === "404|429") return actual === 404 || actual === 429;
  if (typeof expected === "string" && expected.startsWith("→"))
    return typeof actual === "string" && actual.startsWith(expected);
  return expected === actual;
}

test("every page and route handler found in app/ has an entry in the matrix, and every entry still exists", () => {
  const discovered = [
    ...endpoints.pages.map((p) => `page ${p.pattern}`),
    ...endpoints.routes.flatMap((r) => r.methods.map((m) => `${m} ${r.pattern}`)),
  ];
  const missing = discovered.filter((k) => !(k in HTTP_MATRIX));
  const stale = Object.keys(HTTP_MATRIX).filter((k) => !discovered.includes(k));
  expect(missing, "new endpoints need a row in e2e/support/authz/http-matrix.ts").toEqual([]);
  expect(stale, "matrix rows for endpoints that no longer exist").toEqual([]);
});

test("pages and route handlers: every caller gets exactly its outcome, and nothing of another team", async () => {
  const problems: string[] = [];
  let cases = 0;
  for (const [key, entry] of Object.entries(HTTP_MATRIX) as [string, HttpEntry][]) {
    const [kind, pattern] = key.split(" ") as [string, string];
    const method = kind === "page" ? "GET" : kind;
    for (const caller of CALLERS) {
      const path = entry.path ? entry.path(world, caller) : defaultPath(pattern, world, caller);
      const body = entry.body?.(world);
      const headers: Record<string, string> = {
        ...credentials(world, caller),
        accept: kind === "page" ? "text/html" : "*/*",
      };
      if (body !== undefined)
        headers["content-type"] =
          typeof body === "string" ? "application/x-www-form-urlencoded" : "application/json";
      const answer = await request(baseUrl(), path, {
        method,
        headers,
        body:
          body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
        from: localAddressOf(caller),
        firstChunkOnly: entry.stream,
      });
      cases += 1;
      const actual = outcomeOf(answer);
      const expected = entry.expect[caller];
      if (!matches(expected, actual))
        problems.push(
          `${key} as ${caller}: expected ${expected}, got ${actual} ${answer.body.slice(0, 160).replace(/\s+/g, " ")}`,
        );
      const leaks = leakedMarkers(caller, answer.body + (answer.location ?? ""));
      if (leaks.length) problems.push(`${key} as ${caller}: LEAK of ${leaks.join(", ")}`);
      const showsTo = entry.showsTo ?? A_READERS;
      if (
        entry.shows &&
        actual === 200 &&
        showsTo.includes(caller) &&
        !answer.body.toLowerCase().includes(entry.shows)
      ) {
        problems.push(`${key} as ${caller}: 200 without the team's data (${entry.shows})`);
      }
    }
  }
  // The writes that were let through: each change is there, in its caller's team only.
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  let effects = 0;
  try {
    for (const [key, entry] of Object.entries(HTTP_MATRIX) as [string, HttpEntry][]) {
      if (!entry.effect) continue;
      const [sql, params] = entry.effect(world);
      effects += 1;
      if (!(await db.query<{ ok: boolean }>(sql, params)).rows[0]?.ok)
        problems.push(`${key}: the accepted writes did not leave exactly their change`);
    }
  } finally {
    await db.end();
  }
  if (problems.length) console.info(problems.join("\n"));
  console.info(
    `[authz] pages and route handlers: ${Object.keys(HTTP_MATRIX).length} endpoints × ${CALLERS.length} callers = ${cases} cases; ${effects} writes checked in the database`,
  );
  expect(problems).toEqual([]);
});

test("the markers are where the matrix looks for them (the leak check can fail)", () => {
  // A body with B's internal marker is a leak for A's viewer and for the anonymous caller, not for B's owner.
  expect(leakedMarkers("viewer", `<p>${forbiddenMarkers("viewer")[0]}</p>`)).toHaveLength(1);
  expect(forbiddenMarkers("anonymous")).toHaveLength(4);
  expect(forbiddenMarkers("otherOwner").some((m) => m.includes("bravo"))).toBe(false);
});

// ── server actions ─────────────────────────────────────────────────────────────────────────

type ActionOutcome =
  "passed" | "unauthenticated" | "forbidden" | "done" | `refused: ${string}` | `http ${number}`;
const PROBE = "\u0000";

/** The action ids of the build, by "<file>#<export>", and a page each one is served on. */
function actionIds(): Map<string, { id: string; page: string }> {
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<
      string,
      { workers: Record<string, unknown>; filename?: string; exportedName?: string }
    >;
  };
  const ids = new Map<string, { id: string; page: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) continue;
    // "app/(team)/settings/page" → "/settings": any page that imports the action can run it.
    const workers = Object.keys(entry.workers).filter((w) => w.endsWith("/page"));
    const page =
      workers
        .map((w) => urlPattern(path.join(ROOT, `${w}.tsx`)))
        .sort((a, b) => a.length - b.length)[0] ?? "/";
    ids.set(`${entry.filename}#${entry.exportedName}`, { id, page });
  }
  return ids;
}

/** The permission gate's verdict for a caller: what the builder must answer before the input is read. */
function gateVerdict(gate: Gate, caller: Caller): "passed" | "unauthenticated" | "forbidden" {
  if (gate === "public") return "passed";
  if (["anonymous", "shareHolder", "tokenRead", "tokenWrite", "otherToken"].includes(caller))
    return "unauthenticated";
  if (gate === "signed-in") return "passed";
  if (caller === "portalUser") return "unauthenticated"; // signed in, but a member of no team
  const role = caller === "viewer" ? "VIEWER" : caller === "editor" ? "EDITOR" : "OWNER";
  return can(role, gate) ? "passed" : "forbidden";
}

/** React's reply encoding for plain values: JSON, with a leading "$" escaped. */
function encodeArgs(args: unknown[]): string {
  return JSON.stringify(args, (_k, v: unknown) =>
    typeof v === "string" && v.startsWith("$") ? `$${v}` : v,
  );
}

function withProbe(args: unknown[]): unknown[] {
  const last = args.at(-1);
  if (last && typeof last === "object" && !Array.isArray(last))
    return [...args.slice(0, -1), { ...last, zzMatrixProbe: PROBE }];
  return [...args, { zzMatrixProbe: PROBE }];
}

/** The action's result from the RSC answer: row 0 points at the row holding it. */
function actionResultOf(
  body: string,
): { ok: boolean; message?: string; fieldErrors?: Record<string, string[]> } | null {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!);
  }
  const head = rows.get("0");
  if (!head) return null;
  const ref = (JSON.parse(head) as { a?: string }).a;
  const row = ref?.startsWith("$@") ? rows.get(ref.slice(2)) : undefined;
  return row ? JSON.parse(row) : null;
}

function classify(answer: Answer): ActionOutcome {
  // An action that ends in redirect() (create, delete, switch team) answers with the next page.
  if (answer.actionRedirect && answer.status < 400) return "done";
  if (answer.status !== 200) return `http ${answer.status}`;
  const result = actionResultOf(answer.body);
  if (!result) return `refused: unreadable answer ${answer.body.slice(0, 120)}`;
  if (result.ok) return "done";
  if (result.message === "Your session has ended. Sign in again.") return "unauthenticated";
  if (result.message === "You do not have permission to do that.") return "forbidden";
  // RSC encodes an absent value as the string "$undefined".
  const fields =
    result.fieldErrors && typeof result.fieldErrors === "object" ? result.fieldErrors : {};
  const errors = Object.values(fields).flat();
  if (errors.some((e) => typeof e === "string" && e.includes("(NUL)"))) return "passed";
  return `refused: ${result.message ?? "?"}${errors.length ? ` (${errors.join("; ")})` : ""}`;
}

/**
 * Actions whose module no page or component imports: Next registers an action only when the
 * app's module graph reaches it, so until then it is not an endpoint (nothing can call it).
 */
function unimportedActionFiles(): Set<string> {
  const imported = new Set<string>();
  for (const file of endpoints.files) {
    for (const [, spec] of readFileSync(file, "utf8").matchAll(/from\s+["']([^"']+)["']/g)) {
      const target = spec!.startsWith("@/")
        ? path.join(ROOT, spec!.slice(2))
        : spec!.startsWith(".")
          ? path.resolve(path.dirname(file), spec!)
          : null;
      if (target) imported.add(path.relative(ROOT, target));
    }
  }
  return new Set(
    endpoints.actions
      .map((a) => a.file)
      .filter((file) => !imported.has(file.replace(/\.tsx?$/, ""))),
  );
}

test("every server action has an entry in the matrix, and the build serves each one", () => {
  const discovered = endpoints.actions.map((a) => `${a.file}#${a.name}`);
  expect(
    discovered.filter((k) => !(k in ACTION_MATRIX)),
    "new actions need a row in e2e/support/authz/action-matrix.ts",
  ).toEqual([]);
  expect(
    Object.keys(ACTION_MATRIX).filter((k) => !discovered.includes(k)),
    "rows for actions that no longer exist",
  ).toEqual([]);
  const ids = actionIds();
  const unimported = unimportedActionFiles();
  const unserved = discovered.filter((k) => !ids.has(k));
  expect(
    unserved.filter((k) => !unimported.has(k.split("#")[0]!)),
    "actions a page imports but the build does not serve (rebuild?)",
  ).toEqual([]);
  if (unserved.length)
    console.info(`[authz] not served yet (no page imports them): ${unserved.join(", ")}`);
});

test("server actions: each caller is let through or refused by the action's gate, B's owner never reaches A's records, nothing changes", async () => {
  const ids = actionIds();
  const before = {
    A: await teamFingerprint(world.A.teamId),
    B: await teamFingerprint(world.B.teamId),
  };
  const problems: string[] = [];
  let cases = 0;
  const origin = new URL(baseUrl()).origin;
  const call = async (key: string, caller: Caller, args: unknown[]) => {
    const { id, page } = ids.get(key)!;
    const answer = await request(baseUrl(), defaultPath(page, world, caller), {
      method: "POST",
      headers: {
        ...credentials(world, caller),
        "next-action": id,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin,
      },
      body: encodeArgs(args),
      from: localAddressOf(caller),
    });
    cases += 1;
    return answer;
  };
  for (const [key, entry] of Object.entries(ACTION_MATRIX) as [string, ActionEntry][]) {
    // Not an endpoint until a page imports it (checked in the test above).
    if (!ids.has(key)) continue;
    for (const caller of CALLERS) {
      const verdict = gateVerdict(entry.gate, caller);
      const checkLeaks = (answer: Answer, what: string) => {
        const leaks = leakedMarkers(caller, answer.body).filter((m) => !entry.allows?.includes(m));
        if (leaks.length)
          problems.push(`${key} as ${caller} (${what}): LEAK of ${leaks.join(", ")}`);
      };
      if (verdict !== "passed") {
        // Refused before the input is read, even with a valid input naming A's records.
        const answer = await call(key, caller, entry.args(world));
        const actual = classify(answer);
        if (actual !== verdict)
          problems.push(`${key} as ${caller}: expected ${verdict}, got ${actual}`);
        checkLeaks(answer, "refused");
        continue;
      }
      const answer = await call(key, caller, withProbe(entry.args(world)));
      const actual = classify(answer);
      if (actual !== "passed")
        problems.push(`${key} as ${caller}: expected passed (stopped at the probe), got ${actual}`);
      checkLeaks(answer, "probe");
      if (caller !== "otherOwner") continue;
      for (const [i, variant] of (entry.cross ?? []).entries()) {
        const crossAnswer = await call(key, caller, variant.args(world));
        const crossOutcome = classify(crossAnswer);
        if (!crossOutcome.startsWith("refused: ") || !variant.refused.test(crossOutcome)) {
          problems.push(
            `${key} as otherOwner, with team A's record (#${i + 1}): expected a refusal matching ${variant.refused}, got ${crossOutcome}`,
          );
        }
        checkLeaks(crossAnswer, `cross #${i + 1}`);
      }
    }
  }
  if (problems.length) console.info(problems.join("\n"));
  console.info(
    `[authz] server actions: ${Object.keys(ACTION_MATRIX).length} actions, ${cases} calls`,
  );
  expect(problems).toEqual([]);
  // Nobody changed either team's data: refusals and probes write nothing.
  expect(await teamFingerprint(world.A.teamId)).toBe(before.A);
  expect(await teamFingerprint(world.B.teamId)).toBe(before.B);
});

/** Who runs an action to the end: the least-privileged caller its gate lets through. */
function leastPrivileged(gate: Gate): Caller | null {
  const order: Caller[] =
    gate === "signed-in" ? ["portalUser", "viewer"] : ["viewer", "editor", "owner"];
  return order.find((c) => gateVerdict(gate, c) === "passed") ?? null;
}

function callerId(world: World, caller: Caller): string | undefined {
  if (caller === "portalUser") return world.portal.id;
  if (caller === "viewer" || caller === "editor" || caller === "owner") return world.A[caller].id;
  return undefined;
}

test("every server action says how its effect is proven (or why it has none to prove here)", () => {
  const keys = Object.keys(ACTION_MATRIX);
  expect(
    keys.filter((k) => !(k in EFFECTS) && !(k in NO_EFFECT)),
    "new actions need an effect in e2e/support/authz/action-effects.ts",
  ).toEqual([]);
  expect(
    [...Object.keys(EFFECTS), ...Object.keys(NO_EFFECT)].filter((k) => !keys.includes(k)),
  ).toEqual([]);
  expect(Object.keys(EFFECTS).filter((k) => k in NO_EFFECT)).toEqual([]);
});

/** Effects run side by side, each in its own world: the server and the database overlap their waits. */
const EFFECT_LANES = 4;

test("server actions run to the end for the least-privileged caller let through: the change lands in that team, the other team's data does not move", async () => {
  const ids = actionIds();
  const origin = new URL(baseUrl()).origin;
  const problems: string[] = [];
  let runs = 0;
  const runEffect = async (db: pg.Client, key: string, effect: Effect) => {
    const entry = ACTION_MATRIX[key]!;
    if (!ids.has(key)) return; // not served yet (the coverage test above says so)
    const caller = effect.as ?? leastPrivileged(entry.gate);
    if (!caller)
      return problems.push(`${key}: no caller of the matrix passes its gate ${entry.gate}`);
    // A world of its own: no run depends on what another changed or deleted.
    const w = await seedWorld();
    const prepared: Prepared = (await effect.prepare?.(db, w)) ?? {};
    const run = async (action: string, as: Caller, args: unknown[]) => {
      const { id, page } = ids.get(action)!;
      return request(baseUrl(), defaultPath(page, w, as), {
        method: "POST",
        headers: {
          ...credentials(w, as),
          "next-action": id,
          "content-type": "text/plain;charset=UTF-8",
          accept: "text/x-component",
          origin,
        },
        body: encodeArgs(args),
        from: localAddressOf(as),
      });
    };
    // Earlier steps of a workflow (e.g. review and approval before publishing), for real.
    for (const step of effect.before ?? []) {
      const outcome = classify(await run(step.action, step.as, await step.args(w, prepared, db)));
      if (outcome !== "done")
        return problems.push(
          `${key}: its earlier step ${step.action} as ${step.as} got ${outcome}`,
        );
    }
    const beforeB = await teamFingerprint(w.B.teamId);
    const since = (await db.query<{ t: Date }>("SELECT clock_timestamp() AS t")).rows[0]!.t;
    const args = effect.args ? await effect.args(w, prepared, db) : entry.args(w);
    const answer = await run(key, caller, args);
    runs += 1;
    const outcome = classify(answer);
    if (outcome !== "done")
      return problems.push(`${key} as ${caller}: expected done, got ${outcome}`);
    const [sql, params] = effect.check(w, prepared);
    const { rows } = await db.query<{ ok: boolean }>(sql, params);
    if (!rows[0]?.ok) problems.push(`${key} as ${caller}: done, but the change is not in team A`);
    if (effect.audit !== false) {
      const audit = await db.query<{ a: number; b: number }>(
        `SELECT count(*) FILTER (WHERE "teamId" = $1 AND "actorId" = $3)::int AS a,
                count(*) FILTER (WHERE "teamId" = $2)::int AS b
         FROM "AuditEvent" WHERE "createdAt" >= $4`,
        [w.A.teamId, w.B.teamId, callerId(w, caller), since],
      );
      if (audit.rows[0]!.a < 1) problems.push(`${key} as ${caller}: no audit row in team A`);
      if (audit.rows[0]!.b > 0) problems.push(`${key} as ${caller}: an audit row in team B`);
    }
    if ((await teamFingerprint(w.B.teamId)) !== beforeB)
      problems.push(`${key} as ${caller}: team B's data changed`);
    const leaks = leakedMarkers(caller, answer.body).filter((m) => !effect.allows?.includes(m));
    if (leaks.length) problems.push(`${key} as ${caller}: LEAK of ${leaks.join(", ")}`);
  };
  const queue = Object.entries(EFFECTS);
  await Promise.all(
    Array.from({ length: EFFECT_LANES }, async () => {
      const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await db.connect();
      try {
        for (let next = queue.shift(); next; next = queue.shift())
          await runEffect(db, next[0], next[1]);
      } finally {
        await db.end();
      }
    }),
  );
  if (problems.length) console.info(problems.join("\n"));
  console.info(
    `[authz] server actions run to the end: ${runs} of ${Object.keys(ACTION_MATRIX).length} actions (${Object.keys(NO_EFFECT).length} without a team effect to prove here)`,
  );
  expect(problems).toEqual([]);
});

// ── alert webhooks and chat commands ───────────────────────────────────────────────────────

test("every alert source kind and chat command has an entry in the matrix", () => {
  const kinds = constStrings("lib/alerts/parse.ts", "ALERT_SOURCE_KINDS");
  expect(kinds.filter((k) => !(k in WEBHOOK_MATRIX))).toEqual([]);
  expect(Object.keys(WEBHOOK_MATRIX).filter((k) => !kinds.includes(k))).toEqual([]);
  // "invalid" is the parser's answer to anything else, not a command.
  const commands = unionNames("lib/chatops/commands.ts", "ChatCommand").filter(
    (c) => c !== "invalid",
  );
  expect(commands.filter((c) => !(c in CHAT_MATRIX))).toEqual([]);
  expect(Object.keys(CHAT_MATRIX).filter((c) => !commands.includes(c))).toEqual([]);
});

async function incidentCount(teamId: string): Promise<number> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    return (
      await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Incident" WHERE "teamId" = $1`,
        [teamId],
      )
    ).rows[0]!.n;
  } finally {
    await c.end();
  }
}

test("alert webhooks: only the source's own token or signature is accepted, and its incident lands in its team", async () => {
  const problems: string[] = [];
  let cases = 0;
  const beforeB = await teamFingerprint(world.B.teamId);
  const beforeA = await incidentCount(world.A.teamId);
  const all = [MARKERS.A.int, MARKERS.A.pub, MARKERS.B.int, MARKERS.B.pub];
  for (const [kind, entry] of Object.entries(WEBHOOK_MATRIX) as [
    AlertSourceKind,
    (typeof WEBHOOK_MATRIX)[AlertSourceKind],
  ][]) {
    const body = fixtureBody(entry.fixture);
    for (const caller of WEBHOOK_CALLERS) {
      const answer = await request(baseUrl(), `/api/v1/alerts/${world.A.alertSources[kind].id}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...webhookHeaders(world, kind, caller, body),
        },
        body,
        from: localAddressOf("webhook"),
      });
      cases += 1;
      if (answer.status !== entry.expect[caller])
        problems.push(
          `${kind} as ${caller}: expected ${entry.expect[caller]}, got ${answer.status} ${answer.body.slice(0, 120)}`,
        );
      const leaks = all.filter((m) => answer.body.toLowerCase().includes(m));
      if (leaks.length) problems.push(`${kind} as ${caller}: LEAK of ${leaks.join(", ")}`);
    }
  }
  // An unknown source, even with a valid token of another source: 404, nothing recorded.
  const unknown = await request(baseUrl(), "/api/v1/alerts/no-such-source", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${world.A.alertSources.GENERIC.secret}`,
    },
    body: fixtureBody("generic-firing.json"),
    from: localAddressOf("webhook"),
  });
  cases += 1;
  if (unknown.status !== 404) problems.push(`unknown source: expected 404, got ${unknown.status}`);
  if (problems.length) console.info(problems.join("\n"));
  console.info(
    `[authz] alert webhooks: ${Object.keys(WEBHOOK_MATRIX).length} kinds × ${WEBHOOK_CALLERS.length} credentials + 1 = ${cases} cases`,
  );
  expect(problems).toEqual([]);
  // The accepted alerts opened incidents in team A; team B's data did not move.
  expect(await incidentCount(world.A.teamId)).toBeGreaterThan(beforeA);
  expect(await teamFingerprint(world.B.teamId)).toBe(beforeB);
});

for (const product of Object.keys(CHAT_PRODUCTS) as ChatProduct[]) {
  test(`chat commands (${product}): only proven requests run, with the linked member's role, in the team's own incidents`, async () => {
    const problems: string[] = [];
    let cases = 0;
    const post = (req: { body: string; headers: Record<string, string> }) =>
      request(baseUrl(), CHAT_PRODUCTS[product], {
        method: "POST",
        ...req,
        from: localAddressOf("webhook"),
      });
    for (const [command, list] of Object.entries(CHAT_MATRIX)) {
      for (const { text, expect: row } of list) {
        for (const caller of CHAT_CALLERS) {
          const answer = await post(chatRequest(world, caller, text, product));
          cases += 1;
          const expected = row[caller];
          const reply =
            answer.status === 200
              ? ((JSON.parse(answer.body) as { text?: string }).text ?? "")
              : "";
          const ok =
            typeof expected === "number"
              ? answer.status === expected
              : answer.status === 200 && expected.test(reply);
          if (!ok)
            problems.push(
              `/postmortem ${text} (${command}) as ${caller}: expected ${expected}, got ${answer.status} ${answer.body.slice(0, 160)}`,
            );
          const leaks = chatForbidden(caller).filter((m) => answer.body.toLowerCase().includes(m));
          if (leaks.length)
            problems.push(`/postmortem ${text} as ${caller}: LEAK of ${leaks.join(", ")}`);
        }
      }
    }
    if (product === "slack") {
      // The same signed request twice: the second is a replay. (Mattermost signs nothing: a
      // captured request with its token could be replayed, which is why it needs HTTPS.)
      // Its own text: a "help" the matrix sent in the same second would carry the same
      // signature and already count as seen.
      const replay = chatRequest(world, "linkedEditor", `help replay-${Date.now()}`);
      const first = await post(replay);
      const second = await post(replay);
      cases += 2;
      expect([first.status, second.status]).toEqual([200, 401]);
    }
    if (problems.length) console.info(problems.join("\n"));
    console.info(
      `[authz] chat commands (${product}): ${Object.keys(CHAT_MATRIX).length} commands, ${cases} requests`,
    );
    expect(problems).toEqual([]);
  });
}

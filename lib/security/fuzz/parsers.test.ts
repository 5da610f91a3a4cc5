// Property-based tests for every parser of outside input that is not a form schema (issue 14):
// alert webhook bodies of each tool and their request verification, Slack slash commands and
// signatures, the chat-log / CSV / JSON timeline importer, stored report snapshots, severity
// rules and the URL readers of list pages. Each must answer any input with a result or a typed
// refusal, never an unexpected exception (which the route would turn into a 500).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseActionFilters } from "@/lib/action-items/filters";
import { FIXTURE_FILES, fixture } from "@/lib/alerts/fixtures";
import { ALERT_SOURCE_KINDS, parseAlerts, type AlertSourceKind } from "@/lib/alerts/parse";
import { parseRuleLines, severityRulesSchema } from "@/lib/alerts/rules";
import { verifySentry, verifyToken } from "@/lib/alerts/verify";
import { credentialFrom, hashSecret } from "@/lib/api/tokens";
import { parseCommand } from "@/lib/chatops/commands";
import { mattermostToken, slackSignature, verifySlack } from "@/lib/chatops/verify";
import { MIN_YEAR } from "@/lib/incidents/local-time";
import { parseDashboardParams } from "@/lib/metrics/period";
import { composeReport } from "@/lib/reports/snapshot";
import { parseSnapshot, SnapshotFormatError } from "@/lib/reports/snapshot-schema";
import { sampleSource } from "@/lib/reports/test-fixtures";
import { parseSearchParams } from "@/lib/search/schema";
import { AUTHOR_MAX, BODY_MAX, TIMELINE_KINDS } from "@/lib/timeline/constants";
import { parseTimelineImport } from "@/lib/timeline/import";
import {
  hostileString,
  hostileValue,
  mutated,
  PROPERTY_TIMEOUT,
  RUNS,
  xssPayloads,
} from "./hostile";

const json = <T>(v: T): T => {
  try {
    return JSON.parse(JSON.stringify(v) ?? "null") as T;
  } catch {
    return null as T;
  }
};

/** A value as it arrives after JSON.parse of a webhook body. */
const jsonBody = (valid: unknown) =>
  fc.oneof(
    mutated(valid).map(json),
    fc.json().map((s) => JSON.parse(s) as unknown),
    hostileValue().map(json),
  );

/** Header values a real HTTP request can carry (visible ASCII). */
const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 120,
});

const KIND_FIXTURES: Record<AlertSourceKind, (typeof FIXTURE_FILES)[number][]> = {
  ALERTMANAGER: ["alertmanager-v4-firing.json", "alertmanager-v4-resolved.json"],
  GRAFANA: ["grafana-firing.json"],
  KAPACITOR: ["kapacitor-critical.json", "kapacitor-ok.json"],
  SENTRY: ["sentry-event-alert.json"],
  GENERIC: ["generic-firing.json", "generic-resolved.json"],
};

/** Dates a parser hands to the database: real instants in the years the app stores. */
function storableDate(d: Date | null): boolean {
  if (d === null) return true;
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) return false;
  const year = d.getUTCFullYear();
  return year >= MIN_YEAR && year <= 9999;
}

describe.each(ALERT_SOURCE_KINDS)("alert payloads: %s", (kind) => {
  const fixtures = KIND_FIXTURES[kind].map((f) => fixture(f));

  it("parses each documented fixture", () => {
    for (const f of fixtures) expect(parseAlerts(kind, f).length).toBeGreaterThan(0);
  });

  it(
    "any body gives normalized alerts with storable dates, or a ZodError naming the field",
    () => {
      fc.assert(
        fc.property(fc.oneof(...fixtures.map(jsonBody)), (body) => {
          let alerts;
          try {
            alerts = parseAlerts(kind, body, new Date("2026-12-01T10:00:00Z"));
          } catch (error) {
            expect(error).toBeInstanceOf(z.ZodError);
            for (const issue of (error as z.ZodError).issues)
              expect(issue.message.trim()).not.toBe("");
            return;
          }
          for (const a of alerts) {
            expect(typeof a.fingerprint).toBe("string");
            expect(a.fingerprint.length).toBeGreaterThan(0);
            expect(typeof a.title).toBe("string");
            expect(["firing", "resolved"]).toContain(a.status);
            expect(Object.values(a.labels).every((v) => typeof v === "string")).toBe(true);
            expect({ startsAt: a.startsAt, ok: storableDate(a.startsAt) }).toEqual({
              startsAt: a.startsAt,
              ok: true,
            });
            expect({ endsAt: a.endsAt, ok: storableDate(a.endsAt) }).toEqual({
              endsAt: a.endsAt,
              ok: true,
            });
          }
        }),
        { numRuns: 2 * RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe("alert, Slack and Mattermost request verification", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  it(
    "any headers and body give a verdict, never an exception; only the right signature passes",
    () => {
      fc.assert(
        fc.property(
          headerValue,
          headerValue,
          headerValue,
          hostileString(),
          (sig, ts, auth, body) => {
            const headers = new Headers({
              "sentry-hook-signature": sig,
              "sentry-hook-timestamp": ts,
              authorization: auth,
              "x-slack-signature": sig,
              "x-slack-request-timestamp": ts,
            });
            expect(verifySentry(headers, body, "client-secret-0123456789", now).ok).toBe(false);
            expect(verifyToken(headers, hashSecret("the-real-token")).ok).toBe(
              auth.trim() === "Bearer the-real-token",
            );
            expect(verifySlack(headers, body, "signing-secret-0123", now).ok).toBe(false);
            const cred = credentialFrom(headers);
            expect(cred === null || typeof cred === "string").toBe(true);
            // Mattermost: the header's token, the body's, or none; never an empty string.
            const form = new URLSearchParams(body);
            const mm = mattermostToken(headers, form);
            expect(mm === null || (typeof mm === "string" && mm.length > 0)).toBe(true);
            if (mm !== null && /^token\s/i.test(auth.trim()))
              expect(auth.trim().endsWith(mm)).toBe(true);
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "a correctly signed Slack request with any body passes",
    () => {
      fc.assert(
        fc.property(hostileString(), (body) => {
          const ts = String(Math.floor(now.getTime() / 1000));
          const headers = new Headers({
            "x-slack-request-timestamp": ts,
            "x-slack-signature": slackSignature("signing-secret-0123", ts, body),
          });
          expect(verifySlack(headers, body, "signing-secret-0123", now)).toEqual({ ok: true });
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe("Slack command text", () => {
  it(
    "any text is a command or an invalid-command reply with a message",
    () => {
      const words = fc.constantFrom(
        "new",
        "note",
        "status",
        "whys",
        "link",
        "help",
        "INC-1",
        "inc-999999999",
        "7",
        "sev1",
        "SEV4",
        "resolved",
        "closed",
        "  ",
        "\n",
      );
      const text = fc.oneof(
        hostileString(),
        fc.array(fc.oneof(words, hostileString()), { maxLength: 6 }).map((w) => w.join(" ")),
      );
      fc.assert(
        fc.property(text, (t) => {
          const cmd = parseCommand(t);
          if (cmd.name === "invalid") expect(cmd.message.trim()).not.toBe("");
          if (cmd.name === "new")
            expect(cmd.title.length >= 1 && cmd.title.length <= 200).toBe(true);
          if (cmd.name === "note")
            expect(cmd.text.length >= 1 && cmd.text.length <= 2000).toBe(true);
          if ("number" in cmd) expect(Number.isSafeInteger(cmd.number)).toBe(true);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe("timeline import (chat log, CSV, JSON)", () => {
  const line = fc.oneof(
    hostileString(),
    fc.constantFrom(
      "14:02 alice: db down",
      "[11:27 PM] yp: rolled back",
      "2017-01-31T23:27:00Z yp: x",
      "<bob> hi",
      "1/31/17, 11:27 PM - yp: x",
      "Alice Smith  2:27 PM",
      "23:59",
      "00:03",
      "99:99 x: y",
      "time,text,author",
      '"14:02","a ""quoted"" text",alice',
    ),
    fc.constantFrom(...xssPayloads()).map((p) => `14:02 mallory: ${p}`),
  );
  const text = fc.oneof(
    fc.array(line, { maxLength: 12 }).map((l) => l.join("\n")),
    fc.json().map(String),
    fc
      .array(
        fc.record(
          {
            time: fc.oneof(hostileString(), fc.constant("2026-01-10T14:02:00Z")),
            text: hostileString(),
            author: fc.jsonValue(),
            kind: fc.jsonValue(),
            key: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 5 },
      )
      .map((a) => JSON.stringify(a)),
  );
  const zone = fc.constantFrom(
    "UTC",
    "America/New_York",
    "Asia/Kathmandu",
    "Pacific/Kiritimati",
    "Not/AZone",
  );

  it(
    "any pasted text gives events the timeline can store, and problems with a line and a reason",
    () => {
      fc.assert(
        fc.property(text, zone, (t, timeZone) => {
          const r = parseTimelineImport(t, { baseDate: "2026-01-10", timeZone });
          for (const e of r.events) {
            expect(storableDate(new Date(e.occurredAt))).toBe(true);
            expect(e.body.trim().length).toBeGreaterThan(0);
            expect(e.body.length).toBeLessThanOrEqual(BODY_MAX);
            expect(e.body).not.toContain("\u0000");
            expect(e.author === null || e.author.length <= AUTHOR_MAX).toBe(true);
            expect(TIMELINE_KINDS).toContain(e.kind);
          }
          for (const p of r.errors) {
            expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
            expect(p.reason.trim()).not.toBe("");
          }
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe("stored JSON and URL readers", () => {
  it(
    "a stored snapshot is read or refused with SnapshotFormatError, never anything else",
    () => {
      fc.assert(
        fc.property(fc.oneof(hostileValue(), mutated(fixtureSnapshot())), (v) => {
          try {
            parseSnapshot(v);
          } catch (error) {
            expect(error).toBeInstanceOf(SnapshotFormatError);
          }
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "severity rule lines are rules or a message naming the line",
    () => {
      const ruleLine = fc.oneof(
        hostileString(),
        fc.constantFrom(
          "severity=critical SEV1",
          "env = prod -> sev2",
          "# comment",
          "a=b SEV9",
          "=x SEV1",
        ),
      );
      fc.assert(
        fc.property(
          fc.array(ruleLine, { maxLength: 60 }).map((l) => l.join("\n")),
          (text) => {
            const r = parseRuleLines(text);
            if (r.ok) expect(severityRulesSchema.safeParse(r.rules).success).toBe(true);
            else expect(r.message).toMatch(/Line \d+|At most 50/);
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "list pages read any query string without throwing",
    () => {
      const param = fc.oneof(
        hostileString(),
        fc.array(hostileString(), { maxLength: 3 }),
        fc.constant(undefined),
      );
      const keys = [
        "q",
        "type",
        "service",
        "severity",
        "from",
        "to",
        "page",
        "mine",
        "overdue",
        "incident",
        "owner",
        "status",
        "tz",
        "similarity",
      ];
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...keys), param), (raw) => {
          parseSearchParams(raw);
          parseActionFilters(raw);
          const d = parseDashboardParams(raw, new Date("2026-12-01T10:00:00Z"));
          expect(d.from <= d.to).toBe(true);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

function fixtureSnapshot(): unknown {
  return json(composeReport(sampleSource()));
}

// The recurrence check derives ASCII statements' trigram sets in TypeScript and takes the rest
// from the database: both must be exactly the sets pg_trgm's similarity() compares.
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { parseDashboardParams } from "./period";
import { periodRootCauses, type PeriodRootCauseTuple } from "./recurring";
import { dashboardSql } from "./sql";
import { ASCII_PROBE, asciiTrigramsAgree, trigramCode } from "./trigram-sets";

const STATEMENTS = [
  "The DNS resolver's cache TTL was 0 (zero) during the v2.1 roll-out",
  "ALL CAPS, snake_case, kebab-case and CamelCase words\ttabbed\nand on two lines",
  "a b c 1 2 3 ... !!! ??? -- @#$%^&*() x",
  "Connection pool too small for the failover traffic",
  // Beyond ASCII: the database's own sets (its locale decides what a letter is, and it hashes).
  "The café’s Größe limit was naïve",
  "Сервер базы данных перегружен",
  "Deploy 🚀 broke the cache",
];

let teamId: string;

beforeAll(async () => {
  const t = await createTeamWithMembers("Trigram sets");
  teamId = t.team.id;
  for (const [k, statement] of STATEMENTS.entries()) {
    const inc = await createIncident(teamId, t.owner.id, {
      title: `Incident ${k}`,
      startedAt: new Date(Date.UTC(2026, 2, 1 + k)),
    });
    await testDb.whyNode.create({ data: { incidentId: inc.id, statement, isRootCause: true } });
  }
});

const sorted = (codes: Iterable<number>) => [...codes].sort((a, b) => a - b);

describe("trigram sets of root causes", () => {
  it("this database splits and lower-cases ASCII as the TypeScript side does", async () => {
    const [row] = await testDb.$queryRaw<
      { shown: string[] }[]
    >`SELECT show_trgm(${ASCII_PROBE}) AS shown`;
    expect(asciiTrigramsAgree(row!.shown)).toBe(true);
  });

  for (const asciiInApp of [true, false]) {
    it(`are show_trgm's sets, statement by statement (ASCII derived in the app: ${asciiInApp})`, async () => {
      const p = parseDashboardParams({ from: "2026-03", to: "2026-03", tz: "UTC" }, new Date());
      const [row] = await testDb.$queryRaw<[{ rows: string }]>(
        dashboardSql(teamId, p, new Date(), 100, asciiInApp),
      );
      const rows = JSON.parse(row.rows) as PeriodRootCauseTuple[];
      // Only the ASCII statements leave their trigrams (the third field) to the app, and only
      // when asked to.
      expect(
        rows
          .filter((r) => r[2] === null)
          .map((r) => r[1])
          .sort(),
      ).toEqual(asciiInApp ? STATEMENTS.slice(0, 4).sort() : []);
      const { causes } = periodRootCauses(rows, 100);
      expect(causes).toHaveLength(STATEMENTS.length);
      const db = await testDb.$queryRaw<{ statement: string; shown: string[] }[]>(
        Prisma.sql`SELECT s AS statement, show_trgm(s) AS shown FROM unnest(${STATEMENTS}::text[]) s`,
      );
      const expected = new Map(db.map((r) => [r.statement, sorted(r.shown.map(trigramCode))]));
      for (const cause of causes)
        expect(sorted(new Set(cause.trigrams)), cause.statement).toEqual(
          expected.get(cause.statement),
        );
    });
  }
});

// Report versions published before search existed get their search text from the snapshot,
// once: then search finds them like any version published today.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeReport } from "@/lib/reports/snapshot";
import { sampleSource } from "@/lib/reports/test-fixtures";
import { backfillReportSearchText } from "./backfill";
import { reportSearchSections } from "./report-text";
import { searchParamsSchema } from "./schema";
import { searchSql } from "./sql";

const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
const run = `bf${Date.now().toString(36)}`;
const snapshot = composeReport({
  ...sampleSource(),
  publication: { number: 1, publishedAt: new Date("2026-01-05T10:00:00Z"), publishedBy: "Ada" },
});

beforeAll(async () => {
  await c.connect();
  await c.query(`INSERT INTO "User" (id, email, "updatedAt") VALUES ($1, $2, now())`, [
    `${run}_u`,
    `${run}@example.test`,
  ]);
  await c.query(
    `INSERT INTO "Team" (id, name, slug, "updatedAt") VALUES ($1, 'Backfill team', $1, now())`,
    [`${run}_t`],
  );
  await c.query(
    `INSERT INTO "Incident" (id, "teamId", number, title, severity, "startedAt", services, tags, "createdById", "updatedAt")
     VALUES ($1, $2, 1, 'Old outage', 'SEV2', now(), '{}', '{}', $3, now())`,
    [`${run}_i`, `${run}_t`, `${run}_u`],
  );
  await c.query(
    `INSERT INTO "Incident" (id, "teamId", number, title, severity, "startedAt", services, tags, "createdById", "updatedAt")
     VALUES ($1, $2, 2, 'Other outage', 'SEV3', now(), '{}', '{}', $3, now())`,
    [`${run}_i2`, `${run}_t`, `${run}_u`],
  );
  await c.query(
    `INSERT INTO "Report" (id, "incidentId", status, "updatedAt") VALUES ($1, $2, 'PUBLISHED', now()), ($3, $4, 'PUBLISHED', now())`,
    [`${run}_r`, `${run}_i`, `${run}_r2`, `${run}_i2`],
  );
  // Published before search: a version and no ReportSectionText; and one unreadable snapshot.
  await c.query(
    `INSERT INTO "ReportVersion" (id, "reportId", number, snapshot, title, "publishedById") VALUES ($1, $2, 1, $3, $4, $5), ($6, $7, 1, '{"schema": 99}', 'Broken', $5)`,
    [
      `${run}_v1`,
      `${run}_r`,
      JSON.stringify(snapshot),
      snapshot.title,
      `${run}_u`,
      `${run}_v2`,
      `${run}_r2`,
    ],
  );
});

afterAll(async () => {
  await c.query(`DELETE FROM "Team" WHERE id = $1`, [`${run}_t`]);
  await c.query(`DELETE FROM "User" WHERE id = $1`, [`${run}_u`]);
  await c.end();
});

describe("search text backfill", () => {
  it("writes each section's text from the snapshot, with the team, once; unreadable snapshots are left and named", async () => {
    const logged: string[] = [];
    const first = await backfillReportSearchText(c, { log: (l) => logged.push(l) });
    expect(first.unreadable).toContain(`${run}_v2`);
    const { rows } = await c.query<{ key: string; title: string; body: string; teamId: string }>(
      `SELECT key, title, body, "teamId" FROM "ReportSectionText" WHERE "reportVersionId" = $1 ORDER BY position`,
      [`${run}_v1`],
    );
    const expected = reportSearchSections(snapshot);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => ({ key: r.key, title: r.title, body: r.body }))).toEqual(
      expected.map(({ key, title, body }) => ({ key, title, body })),
    );
    expect(rows.every((r) => r.teamId === `${run}_t`)).toBe(true);
    const kept = await c.query<{ incidentId: string; newest: boolean; published: boolean }>(
      `SELECT DISTINCT s."incidentId", s.newest, s."publishedAt" = v."publishedAt" AS published
       FROM "ReportSectionText" s JOIN "ReportVersion" v ON v.id = s."reportVersionId" WHERE v.id = $1`,
      [`${run}_v1`],
    );
    // The triggers copy the incident and the version's publication time (search's window
    // order), and mark the only version the newest.
    expect(kept.rows).toEqual([{ incidentId: `${run}_i`, newest: true, published: true }]);
    expect(logged.some((l) => l.includes(`${run}_v2`))).toBe(true);

    const again = await backfillReportSearchText(c);
    expect(again.sections).toBe(0);
    const count = await c.query(
      `SELECT count(*)::int AS n FROM "ReportSectionText" WHERE "reportVersionId" = $1`,
      [`${run}_v1`],
    );
    expect(count.rows[0].n).toBe(expected.length);
  });

  it("search then finds the old report's text at its section", async () => {
    const word = expected(reportSearchSections(snapshot));
    const sql = searchSql(`${run}_t`, searchParamsSchema.parse({ q: word, type: "report" }));
    const { rows } = await c.query<{ type: string; sectionKey: string; incidentId: string }>(
      sql.text,
      sql.values,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ type: "report", incidentId: `${run}_i` });
  });
});

describe("the newest version's text", () => {
  const newest = async () =>
    (
      await c.query<{ reportVersionId: string; newest: boolean }>(
        `SELECT DISTINCT "reportVersionId", newest FROM "ReportSectionText" WHERE "reportVersionId" IN ($1, $2) ORDER BY 1`,
        [`${run}_v1`, `${run}_v3`],
      )
    ).rows;

  it("is the only one a team search reads, whichever version's text is written first", async () => {
    // A second version of the report: writing its text retires version 1's.
    await c.query(
      `INSERT INTO "ReportVersion" (id, "reportId", number, snapshot, title, "publishedById") VALUES ($1, $2, 2, $3, $4, $5)`,
      [`${run}_v3`, `${run}_r`, JSON.stringify(snapshot), snapshot.title, `${run}_u`],
    );
    await backfillReportSearchText(c);
    expect(await newest()).toEqual([
      { reportVersionId: `${run}_v1`, newest: false },
      { reportVersionId: `${run}_v3`, newest: true },
    ]);
    // Version 1's text written after version 2's (a backfill after a publish) starts retired.
    await c.query(`DELETE FROM "ReportSectionText" WHERE "reportVersionId" = $1`, [`${run}_v1`]);
    await backfillReportSearchText(c);
    expect(await newest()).toEqual([
      { reportVersionId: `${run}_v1`, newest: false },
      { reportVersionId: `${run}_v3`, newest: true },
    ]);
    const word = expected(reportSearchSections(snapshot));
    const sql = searchSql(`${run}_t`, searchParamsSchema.parse({ q: word, type: "report" }));
    const { rows } = await c.query<{ versionNumber: number }>(sql.text, sql.values);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.versionNumber))).toEqual(new Set([2]));
  });
});

/** A word of the sample report's text that search will match (a letters-only word of 6+ letters). */
function expected(sections: { body: string }[]): string {
  const word = sections
    .map((s) => s.body)
    .join(" ")
    .match(/\b[a-z]{6,}\b/i)?.[0];
  if (!word) throw new Error("sample report has no searchable word");
  return word;
}

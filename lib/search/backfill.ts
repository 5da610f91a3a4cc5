// Search text for report versions published before search existed (issue 11): publishing
// writes ReportSectionText beside the snapshot, but versions published earlier have none, so
// search and the portal search could not find them. This fills it from each frozen snapshot,
// exactly as publishing would. Idempotent: only versions without any section text are read,
// and a second run (or a version published meanwhile) changes nothing. `npm run db:migrate`
// runs it after the migrations, so every deployment catches up; it takes a plain pg client
// (no Prisma, no server-only modules) so the migration step can run it.
import type pg from "pg";
import { parseSnapshot } from "@/lib/reports/snapshot-schema";
import { reportSearchSections } from "./report-text";

export interface BackfillResult {
  versions: number;
  sections: number;
  /** Versions whose snapshot could not be read (left as they are, named in the log). */
  unreadable: string[];
}

function sectionsOf(snapshot: unknown) {
  return reportSearchSections(parseSnapshot(snapshot));
}

export async function backfillReportSearchText(
  client: Pick<pg.Client, "query">,
  { batch = 200, log = (_line: string) => {} } = {},
): Promise<BackfillResult> {
  const result: BackfillResult = { versions: 0, sections: 0, unreadable: [] };
  // Versions with nothing to write are not read again in this run.
  const skip: string[] = [];
  for (;;) {
    const { rows } = await client.query<{ id: string; snapshot: unknown }>(
      `SELECT v.id, v.snapshot FROM "ReportVersion" v
       WHERE NOT EXISTS (SELECT 1 FROM "ReportSectionText" s WHERE s."reportVersionId" = v.id)
         AND NOT (v.id = ANY($2::text[]))
       ORDER BY v.id LIMIT $1`,
      [batch, skip],
    );
    if (rows.length === 0) break;
    const ids: string[] = [];
    const positions: number[] = [];
    const keys: string[] = [];
    const titles: string[] = [];
    const bodies: string[] = [];
    for (const row of rows) {
      let sections;
      try {
        sections = sectionsOf(row.snapshot);
      } catch (error) {
        result.unreadable.push(row.id);
        skip.push(row.id);
        log(
          `report version ${row.id}: snapshot unreadable, no search text (${String(error).slice(0, 200)})`,
        );
        continue;
      }
      if (sections.length === 0) {
        skip.push(row.id);
        continue;
      }
      for (const s of sections) {
        ids.push(row.id);
        positions.push(s.position);
        keys.push(s.key);
        titles.push(s.title);
        bodies.push(s.body);
      }
      result.versions += 1;
    }
    if (ids.length) {
      // The trigger copies each row's team; ON CONFLICT: a publish that raced us wrote it already.
      const inserted = await client.query(
        `INSERT INTO "ReportSectionText" (id, "reportVersionId", position, key, title, body)
         SELECT gen_random_uuid()::text, v, p, k, t, b FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS x(v, p, k, t, b)
         ON CONFLICT ("reportVersionId", key) DO NOTHING`,
        [ids, positions, keys, titles, bodies],
      );
      result.sections += inserted.rowCount ?? 0;
    }
  }
  if (result.versions)
    log(
      `search text written for ${result.versions} report version(s) published before search (${result.sections} sections)`,
    );
  return result;
}

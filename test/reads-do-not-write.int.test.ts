// Issue 9, "reads do not write": opening a page (here the report, its print preview and the
// templates settings, which used to create rows while rendering) sends PostgreSQL no INSERT,
// UPDATE or DELETE, even for a viewer on an incident whose report nobody has written yet.
// Every statement the app's pool sends is logged; a write through the same pool (the first
// save) proves the log sees writes, so the test cannot pass by seeing nothing.
import pg from "pg";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import ReportPage from "@/app/(team)/incidents/[id]/report/page";
import TemplatesPage from "@/app/(team)/settings/templates/page";
import PrintDraftPage from "@/app/print/incidents/[id]/report/page";
import { saveNarrativeAction } from "@/lib/reports/actions";
import { pgPoolConfig } from "@/lib/pg-timeouts";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";

const statements: string[] = [];

beforeAll(() => {
  // The app's db (lib/db.ts) uses the pool on globalThis when one is there: give it one whose
  // connections log every statement they send.
  const g = globalThis as { prismaPool?: pg.Pool; prisma?: unknown };
  expect(g.prisma, "the app's client must not exist yet").toBeUndefined();
  const pool = new pg.Pool(pgPoolConfig(process.env.DATABASE_URL!));
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const first = args[0] as string | { text?: string };
      statements.push(typeof first === "string" ? first : (first?.text ?? ""));
      return query(...args);
    };
  });
  g.prismaPool = pool;
});

const WRITE = /^\s*(WITH\b[\s\S]*\b)?(INSERT|UPDATE|DELETE|MERGE)\b|pg_advisory_xact_lock/i;
const writesIn = (log: string[]) => log.filter((s) => WRITE.test(s));

async function statementsOf(fn: () => Promise<unknown>) {
  const from = statements.length;
  await fn();
  return statements.slice(from);
}

describe("pages read without writing", () => {
  let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
  let incidentId: string;

  beforeAll(async () => {
    t = await createTeamWithMembers("Reads");
    incidentId = (await createIncident(t.team.id, t.owner.id, { title: "Checkout errors" })).id;
  });

  const params = () => ({ params: Promise.resolve({ id: incidentId }) });

  it("the report page, for a viewer and an editor, on a report nobody has written", async () => {
    for (const user of [t.viewer, t.editor]) {
      signInAs(user.id, t.team.id);
      let html = "";
      const log = await statementsOf(async () => {
        html = renderToStaticMarkup(await ReportPage(params()));
      });
      expect(log.length, "the page read the database").toBeGreaterThan(3);
      expect(writesIn(log)).toEqual([]);
      expect(html).toContain("After Action Report");
    }
    expect(await testDb.report.count({ where: { incidentId } })).toBe(0);
    expect(await testDb.reportTemplate.count({ where: { teamId: t.team.id } })).toBe(0);
  });

  it("the print preview and the templates settings", async () => {
    signInAs(t.owner.id, t.team.id);
    const log = await statementsOf(async () => {
      renderToStaticMarkup(await PrintDraftPage(params()));
      renderToStaticMarkup(await TemplatesPage());
    });
    expect(log.length).toBeGreaterThan(3);
    expect(writesIn(log)).toEqual([]);
    expect(await testDb.reportTemplate.count({ where: { teamId: t.team.id } })).toBe(0);
  });

  it("the first save creates the report (the log sees writes), then the page still only reads", async () => {
    signInAs(t.editor.id, t.team.id);
    const save = await statementsOf(async () => {
      expect(
        await saveNarrativeAction(incidentId, {
          baseVersion: 1,
          changes: { summary: "We lost checkouts." },
          baseline: {},
        }),
      ).toMatchObject({ ok: true });
    });
    expect(writesIn(save).some((s) => /INSERT INTO "(public"\.")?Report"/.test(s))).toBe(true);
    expect(await testDb.report.count({ where: { incidentId } })).toBe(1);
    expect(await testDb.reportTemplate.count({ where: { teamId: t.team.id } })).toBe(2);

    signInAs(t.viewer.id, t.team.id);
    let html = "";
    const log = await statementsOf(async () => {
      html = renderToStaticMarkup(await ReportPage(params()));
    });
    expect(writesIn(log)).toEqual([]);
    expect(html).toContain("We lost checkouts.");
  });
});

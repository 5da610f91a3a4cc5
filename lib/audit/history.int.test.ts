// The History tab shows a plain sentence for each real change (issue 9/12): changes made
// through the actions are read back from PostgreSQL and rendered by the page itself; an old
// row that no longer fits its action's shape reads as a generic sentence instead of breaking
// the page.
import { readFileSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import HistoryPage from "@/app/(team)/incidents/[id]/history/page";
import { initialResult } from "@/lib/action-result";
import { LEGACY_ACTION_NAMES } from "@/lib/audit/schema";
import { createIncidentAction, updateIncidentAction } from "@/lib/incidents/actions";
import { addTimelineEventAction } from "@/lib/timeline/actions";
import { createWhyNodeAction, setWhyRootCauseAction } from "@/lib/whys/actions";
import { form, redirectOf } from "@/test/actions";
import { createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";

const fields = {
  title: "Checkout API returning 502s",
  severity: "SEV2",
  status: "INVESTIGATING",
  timeZone: "UTC",
  startedAt: "2026-01-10T15:02",
  detectedAt: "",
  acknowledgedAt: "",
  mitigatedAt: "",
  resolvedAt: "",
  summary: "",
  customerImpact: "",
  services: "checkout-api",
  tags: "",
  commanderId: "",
};

/** The page's entries as their visible text, newest first. */
async function entries(incidentId: string): Promise<string[]> {
  const html = renderToStaticMarkup(
    await HistoryPage({ params: Promise.resolve({ id: incidentId }) }),
  );
  // The sentence is the entry's paragraph (its timestamp sits beside it).
  return [
    ...html.matchAll(/<li[^>]*data-testid="history-entry"[^>]*>[\s\S]*?<p[^>]*>([\s\S]*?)<\/p>/g),
  ].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, "")
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&")
      .trim(),
  );
}

describe("the History tab", () => {
  let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
  let incidentId: string;

  beforeAll(async () => {
    t = await createTeamWithMembers("History");
    signInAs(t.editor.id, t.team.id);
    await redirectOf(createIncidentAction(initialResult, form(fields)));
    incidentId = (await testDb.incident.findFirstOrThrow({ where: { teamId: t.team.id } })).id;
    await redirectOf(
      updateIncidentAction(
        initialResult,
        form({ ...fields, id: incidentId, version: 1, severity: "SEV1" }),
      ),
    );
    expect(
      await addTimelineEventAction(
        initialResult,
        form({
          incidentId,
          timeZone: "UTC",
          occurredAt: "2026-01-10T15:04",
          kind: "ALERT",
          body: "5xx above 5%",
          author: "",
        }),
      ),
    ).toMatchObject({ ok: true });
    const created = await createWhyNodeAction({
      incidentId,
      parentId: null,
      statement: "The pool was too small",
    });
    expect(created).toMatchObject({ ok: true });
    const node = await testDb.whyNode.findFirstOrThrow({ where: { incidentId } });
    expect(
      await setWhyRootCauseAction({
        incidentId,
        nodeId: node.id,
        version: node.version,
        isRootCause: true,
        category: "CAPACITY",
      }),
    ).toMatchObject({ ok: true });
  });

  it("says what each person did, in words", async () => {
    const who = t.editor.name;
    expect(await entries(incidentId)).toEqual([
      `${who} marked “The pool was too small” as a root cause (Capacity)`,
      `${who} added the cause “The pool was too small” to the 5 Whys`,
      `${who} added a timeline event: “5xx above 5%”`,
      `${who} changed the severity from SEV2 to SEV1`,
      `${who} created the incident “Checkout API returning 502s” as SEV2`,
    ]);
  });

  it("shows an old or unknown row as a generic sentence instead of failing", async () => {
    await testDb.auditEvent.createMany({
      data: [
        {
          teamId: t.team.id,
          actorId: t.owner.id,
          incidentId,
          action: "why_node.mark_root_cause",
          entityType: "WhyNode",
          entityId: "gone",
          data: { categoryCode: 3 },
          createdAt: new Date(Date.now() + 1000),
        },
        {
          teamId: t.team.id,
          actorLabel: "An old script",
          incidentId,
          action: "whys.node_create",
          entityType: "WhyNode",
          entityId: "gone",
          createdAt: new Date(Date.now() + 2000),
        },
      ],
    });
    const [newest, next] = await entries(incidentId);
    expect(newest).toBe("An old script made a change");
    expect(next).toBe(`${t.owner.name} made a change to the 5 Whys`);
  });

  it("reads rows stored under the old action names, and the migration renames them", async () => {
    const at = Date.now() + 10_000;
    const oldRows = Object.keys(LEGACY_ACTION_NAMES).map((action, i) => ({
      teamId: t.team.id,
      action,
      entityType: "Legacy",
      entityId: `legacy-${i}`,
      createdAt: new Date(at + i),
    }));
    await testDb.auditEvent.createMany({
      data: [
        ...oldRows,
        {
          teamId: t.team.id,
          actorId: t.owner.id,
          incidentId,
          action: "whyNode.create",
          entityType: "WhyNode",
          entityId: "old-node",
          data: { statement: "Nobody watched the queue", parentId: null },
          createdAt: new Date(at + 100),
        },
      ],
    });
    // Before the migration runs (an older instance wrote the row): the reader maps the name.
    expect((await entries(incidentId))[0]).toBe(
      `${t.owner.name} added the cause “Nobody watched the queue” to the 5 Whys`,
    );

    const sql = readFileSync(
      path.join(process.cwd(), "prisma/migrations/20261203184500_audit_action_names/migration.sql"),
      "utf8",
    );
    await testDb.$executeRawUnsafe(sql);
    const stored = await testDb.auditEvent.findMany({
      where: {
        teamId: t.team.id,
        entityType: { in: ["Legacy", "WhyNode"] },
        createdAt: { gte: new Date(at) },
      },
      select: { action: true, entityId: true },
    });
    for (const [i, old] of Object.keys(LEGACY_ACTION_NAMES).entries())
      expect(stored.find((r) => r.entityId === `legacy-${i}`)?.action, old).toBe(
        LEGACY_ACTION_NAMES[old],
      );
    expect(stored.find((r) => r.entityId === "old-node")?.action).toBe("why_node.create");
    expect((await entries(incidentId))[0]).toBe(
      `${t.owner.name} added the cause “Nobody watched the queue” to the 5 Whys`,
    );
  });
});

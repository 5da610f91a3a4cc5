// Demo 5 Whys tree for the first seeded incident (checkout 502s after a database failover):
// three branches, root causes with categories, and evidence citing the incident's timeline.
// Called from prisma/seed.ts after the incidents exist: `await seedDemoWhys(db, incidentId)`.
import type { PrismaClient } from "../lib/generated/prisma/client";

type Category =
  | "PROCESS"
  | "TOOLING"
  | "MONITORING"
  | "TESTING"
  | "CHANGE_MANAGEMENT"
  | "CAPACITY"
  | "DEPENDENCY"
  | "COMMUNICATION"
  | "KNOWLEDGE"
  | "OTHER";

interface Seed {
  statement: string;
  rootCause?: Category;
  /** Substrings of timeline event bodies this cause cites. */
  cites?: string[];
  links?: { url: string; label: string }[];
  children?: Seed[];
}

const tree: Seed[] = [
  {
    statement:
      "checkout-api kept writing to the old primary after the failover, and every write failed",
    cites: ["read-only transaction"],
    children: [
      {
        statement:
          "The connection pool held open connections to pg-1 and never re-resolved the primary",
        cites: ["Patroni promoted replica"],
        children: [
          {
            statement:
              "pgbouncer pointed at the node's address instead of the Patroni-managed primary endpoint",
            children: [
              {
                statement:
                  "The service template predates the Patroni migration and was never updated",
                rootCause: "CHANGE_MANAGEMENT",
                links: [
                  {
                    url: "https://wiki.example.com/runbooks/postgres-failover",
                    label: "Failover runbook",
                  },
                ],
              },
            ],
          },
        ],
      },
      {
        statement: "The upgrade playbook failed over without draining clients first",
        cites: ["db-upgrade.yml"],
        children: [
          {
            statement:
              "The maintenance checklist has no step to drain or restart dependent services",
            rootCause: "PROCESS",
          },
        ],
      },
    ],
  },
  {
    statement: "It took 36 minutes to restore checkout after the alert fired",
    cites: ["Restart checkout-api pods"],
    children: [
      {
        statement: "Responders first suspected the upgrade itself and considered a rollback",
        children: [
          {
            statement:
              "The alert did not say the database role had changed, only that 5xx errors rose",
            cites: ["5xx rate above 5%"],
            children: [
              {
                statement: "Failover events from Patroni are not correlated with service alerts",
                rootCause: "MONITORING",
              },
            ],
          },
        ],
      },
    ],
  },
];

/** Adds the demo tree (and its audit trail) to one incident; does nothing if it already has causes. */
export async function seedDemoWhys(db: PrismaClient, incidentId: string) {
  if ((await db.whyNode.count({ where: { incidentId } })) > 0) return;
  const incident = await db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: { teamId: true, createdById: true },
  });
  const events = await db.timelineEvent.findMany({
    where: { incidentId },
    select: { id: true, body: true },
  });
  let count = 0;
  const add = async (seeds: Seed[], parentId: string | null) => {
    for (const [position, seed] of seeds.entries()) {
      const node = await db.whyNode.create({
        data: {
          incidentId,
          parentId,
          position,
          statement: seed.statement,
          isRootCause: Boolean(seed.rootCause),
          category: seed.rootCause ?? null,
        },
      });
      count += 1;
      for (const needle of seed.cites ?? []) {
        const event = events.find((e) => e.body.includes(needle));
        if (event)
          await db.whyNodeEvidence.create({ data: { nodeId: node.id, timelineEventId: event.id } });
      }
      for (const link of seed.links ?? [])
        await db.whyNodeEvidence.create({
          data: { nodeId: node.id, url: link.url, label: link.label },
        });
      await add(seed.children ?? [], node.id);
    }
  };
  await add(tree, null);
  await db.incident.update({
    where: { id: incidentId },
    data: {
      problemStatement:
        "About 18% of checkout attempts failed with HTTP 502 for 38 minutes after a planned database failover.",
      whysVersion: { increment: 1 },
    },
  });
  await db.auditEvent.create({
    data: {
      teamId: incident.teamId,
      actorId: incident.createdById,
      action: "why_node.create",
      entityType: "Incident",
      entityId: incidentId,
      incidentId,
      data: { seeded: true, count },
    },
  });
}

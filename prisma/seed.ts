// Demo data for a first run: one team, three members and four realistic incidents with
// timelines and history (one closed, one resolved, two still open). Runs only when no team exists.
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { seedDemoWhys } from "./seed-whys";

type Event = [
  minutesAfterStart: number,
  kind: "ALERT" | "ACTION" | "DECISION" | "COMMUNICATION" | "NOTE",
  body: string,
  author?: string,
  isKey?: boolean,
];

const minutes = (base: Date, m: number) => new Date(base.getTime() + m * 60_000);
const daysAgo = (d: number, hour = 14, minute = 0) => {
  const t = new Date();
  t.setUTCDate(t.getUTCDate() - d);
  t.setUTCHours(hour, minute, 0, 0);
  return t;
};

export async function seedDemo(db: PrismaClient) {
  const [demo, alice, bob] = await Promise.all(
    [
      ["demo@hindsight.local", "Dana Demo"],
      ["alice@hindsight.local", "Alice Okafor"],
      ["bob@hindsight.local", "Bob Lindqvist"],
    ].map(([email, name]) =>
      db.user.upsert({
        where: { email },
        update: {},
        create: { email, name, emailVerified: new Date() },
      }),
    ),
  );
  const team = await db.team.create({
    data: {
      name: "Demo Platform Team",
      slug: "demo-platform",
      memberships: {
        create: [
          { userId: demo.id, role: "OWNER" },
          { userId: alice.id, role: "EDITOR" },
          { userId: bob.id, role: "VIEWER" },
        ],
      },
    },
  });

  const incidents: {
    title: string;
    severity: "SEV1" | "SEV2" | "SEV3" | "SEV4";
    status: "INVESTIGATING" | "IDENTIFIED" | "MONITORING" | "RESOLVED" | "CLOSED";
    start: Date;
    detected?: number;
    acknowledged?: number;
    mitigated?: number;
    resolved?: number;
    summary: string;
    customerImpact: string;
    services: string[];
    tags: string[];
    commanderId: string;
    events: Event[];
  }[] = [
    {
      title: "Checkout API returned 502s after database failover",
      severity: "SEV1",
      status: "CLOSED",
      start: daysAgo(12, 14, 2),
      detected: 4,
      acknowledged: 6,
      mitigated: 38,
      resolved: 71,
      summary:
        "A planned PostgreSQL minor-version upgrade triggered a failover. The checkout API kept its connection pool pointed at the old primary, which was now read-only, and every write failed for 36 minutes.",
      customerImpact:
        "About 18% of checkout attempts failed with HTTP 502 between 14:02 and 14:40 UTC; roughly 2,300 orders were retried by customers, 140 were abandoned.",
      services: ["checkout-api", "postgres-primary", "pgbouncer"],
      tags: ["database", "failover", "customer-facing"],
      commanderId: alice.id,
      events: [
        [
          0,
          "ACTION",
          "Ansible playbook db-upgrade.yml started on postgres-primary (planned maintenance)",
          "bob",
        ],
        [
          1,
          "NOTE",
          "Patroni promoted replica pg-2 to primary; pg-1 restarted read-only",
          "patroni",
        ],
        [4, "ALERT", "Kapacitor: checkout-api 5xx rate above 5% for 2 minutes", "kapacitor", true],
        [6, "ACTION", "Alice acknowledged the page and opened #inc-checkout", "alice"],
        [9, "COMMUNICATION", "Status page: investigating elevated checkout errors", "alice", true],
        [
          15,
          "NOTE",
          "Sentry shows 'cannot execute INSERT in a read-only transaction' from checkout-api",
          "alice",
        ],
        [
          22,
          "DECISION",
          "Restart checkout-api pods rather than roll back the upgrade",
          "alice",
          true,
        ],
        [38, "ACTION", "checkout-api restarted; error rate back to baseline", "bob", true],
        [45, "COMMUNICATION", "Status page: monitoring, checkout is working again", "alice"],
        [71, "DECISION", "Resolved after 30 minutes of clean metrics", "alice", true],
      ],
    },
    {
      title: "Deploy notifications missing from Slack for two days",
      severity: "SEV3",
      status: "RESOLVED",
      start: daysAgo(6, 9, 30),
      detected: 2830,
      acknowledged: 2850,
      mitigated: 2890,
      resolved: 2900,
      summary:
        "The ChatOps bot's Slack token expired; Travis CI deploy events were dropped silently and nobody noticed until a release manager asked why the channel was quiet.",
      customerImpact:
        "No customer impact. Engineers deployed without the usual visibility for two days.",
      services: ["chatops-bot", "travis-ci"],
      tags: ["chatops", "internal"],
      commanderId: demo.id,
      events: [
        [0, "NOTE", "Slack bot token reached its expiry date", "system"],
        [
          2830,
          "COMMUNICATION",
          "Release manager asks in #deploys why there were no notifications since Tuesday",
          "carol",
          true,
        ],
        [2850, "ACTION", "Bot logs show 401 invalid_auth for every post", "demo", true],
        [2890, "ACTION", "Rotated the token and redeployed the bot", "demo", true],
        [2900, "DECISION", "Resolved; add an alert on the bot's error rate", "demo"],
      ],
    },
    {
      title: "Elevated login latency for EU users",
      severity: "SEV2",
      status: "INVESTIGATING",
      start: daysAgo(0, 8, 15),
      detected: 7,
      acknowledged: 10,
      summary:
        "p95 login latency in eu-west rose from 300 ms to 4 s. Suspect the session store's Redis cluster after last night's resize.",
      customerImpact:
        "EU users wait several seconds to sign in; some mobile clients time out and show an error.",
      services: ["auth-service", "redis-sessions"],
      tags: ["latency", "eu-west"],
      commanderId: demo.id,
      events: [
        [7, "ALERT", "Grafana: auth-service p95 latency above 2 s (eu-west)", "grafana", true],
        [
          10,
          "ACTION",
          "Dana acknowledged and started the incident from Slack (/incident start)",
          "demo",
        ],
        [18, "NOTE", "Redis slowlog shows KEYS calls from the session cleanup job", "alice"],
      ],
    },
    {
      title: "Disk usage alerts did not fire on the logging cluster",
      severity: "SEV4",
      status: "MONITORING",
      start: daysAgo(2, 17, 45),
      detected: 95,
      acknowledged: 100,
      mitigated: 130,
      summary:
        "An Elasticsearch data node reached 97% disk before anyone noticed; the Telegraf disk input had been disabled by a config refactor.",
      customerImpact: "Log ingestion was delayed by up to 20 minutes; no customer-facing impact.",
      services: ["elasticsearch", "telegraf"],
      tags: ["monitoring", "logging"],
      commanderId: alice.id,
      events: [
        [95, "COMMUNICATION", "On-call notices Kibana is 20 minutes behind", "bob", true],
        [100, "ACTION", "Found es-data-3 at 97% disk; no alert had fired", "alice", true],
        [130, "ACTION", "Deleted old indices with Curator; ingestion caught up", "alice", true],
      ],
    },
  ];

  let number = 0;
  let firstIncidentId: string | null = null;
  for (const inc of incidents) {
    number += 1;
    const at = (m?: number) => (m === undefined ? null : minutes(inc.start, m));
    const created = await db.incident.create({
      data: {
        teamId: team.id,
        number,
        title: inc.title,
        severity: inc.severity,
        status: inc.status,
        startedAt: inc.start,
        detectedAt: at(inc.detected),
        acknowledgedAt: at(inc.acknowledged),
        mitigatedAt: at(inc.mitigated),
        resolvedAt: at(inc.resolved),
        summary: inc.summary,
        customerImpact: inc.customerImpact,
        services: inc.services,
        tags: inc.tags,
        commanderId: inc.commanderId,
        createdById: demo.id,
        events: {
          create: inc.events.map(([m, kind, body, author, isKey]) => ({
            occurredAt: minutes(inc.start, m),
            kind,
            body,
            author: author ?? null,
            isKey: isKey ?? false,
            source: "IMPORT" as const,
          })),
        },
      },
    });
    // A plausible history: created while open, timeline imported, then resolved (and closed).
    const opened = minutes(inc.start, inc.acknowledged ?? inc.detected ?? 0);
    const audit = (action: string, at: Date, data: object, entityType = "Incident") =>
      db.auditEvent.create({
        data: {
          teamId: team.id,
          actorId: inc.commanderId,
          action,
          entityType,
          entityId: created.id,
          incidentId: created.id,
          data,
          createdAt: at,
        },
      });
    await audit("incident.create", opened, {
      number,
      title: inc.title,
      severity: inc.severity,
      status: "INVESTIGATING",
      seeded: true,
    });
    await audit("timeline.import", minutes(opened, 1), {
      count: inc.events.length,
      format: "seed",
    });
    let version = 1;
    for (const to of inc.status === "CLOSED"
      ? (["RESOLVED", "CLOSED"] as const)
      : inc.status === "INVESTIGATING"
        ? []
        : ([inc.status] as const)) {
      const from = version === 1 ? "INVESTIGATING" : "RESOLVED";
      version += 1;
      const at = minutes(
        inc.start,
        (inc.resolved ?? inc.mitigated ?? 0) + (to === "CLOSED" ? 60 * 24 * 3 : 5),
      );
      const changes: Record<string, { from: unknown; to: unknown }> = { status: { from, to } };
      if (to === "RESOLVED" && inc.resolved !== undefined)
        changes.resolvedAt = { from: null, to: minutes(inc.start, inc.resolved).toISOString() };
      await audit("incident.update", at, { version, changes });
    }
    if (version > 1) await db.incident.update({ where: { id: created.id }, data: { version } });
    firstIncidentId ??= created.id;
  }
  await db.team.update({ where: { id: team.id }, data: { incidentSeq: number } });
  // The closed checkout incident gets a worked 5 Whys tree citing its timeline.
  if (firstIncidentId) await seedDemoWhys(db, firstIncidentId);
  return team;
}

/** Seeds only an empty database; returns whether it did. */
export async function seedDemoIfEmpty(databaseUrl: string): Promise<boolean> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    if ((await db.team.count()) > 0) return false;
    await seedDemo(db);
    return true;
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { withDatabase } = await import("../scripts/db/embedded");
  await withDatabase(async (url) => {
    console.log(
      (await seedDemoIfEmpty(url))
        ? "Seeded the demo team."
        : "The database already has teams; nothing seeded.",
    );
  });
}

// The large incident of the scale bench: 300 timeline events (100 key), a 120-node 5 Whys tree,
// 40 action items and every narrative field written, published (version 1) and shared. The
// snapshot is composed by the app's own composeReport from the same rows that are inserted.
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import {
  fullTemplateSections,
  FULL_TEMPLATE_NAME,
  SECTION_KINDS,
} from "../../../lib/reports/sections";
import { composeReport, type ReportSource } from "../../../lib/reports/snapshot";
import type { WhyNodeData } from "../../../lib/whys/tree";

export interface LargeIncident {
  incidentId: string;
  reportId: string;
  versionId: string;
  /** Raw share token (only its hash is stored). */
  shareToken: string;
}

const paragraph = (topic: string, n: number) =>
  `During the ${topic} phase the team followed the runbook step ${n}, checked the **dashboards** and the [status page](https://status.example.test/${n}), ` +
  `and confirmed with \`kubectl get pods\` that replicas were healthy. Customers in region ${n % 5} saw elevated latency; support answered ${n * 3} tickets.`;

function markdown(topic: string): string {
  return [
    paragraph(topic, 1),
    `### Details\n\n- ${paragraph(topic, 2)}\n- ${paragraph(topic, 3)}\n- Follow-up owner: the platform team`,
    paragraph(topic, 4),
    `> ${paragraph(topic, 5)}`,
    "| signal | value |\n|---|---|\n| p99 latency | 2.4 s |\n| error rate | 12 % |",
  ].join("\n\n");
}

/** Inserts the incident into team_1 (owner u_1_1) as number `number` and publishes its report. */
export async function seedLargeIncident(c: pg.Client, number: number): Promise<LargeIncident> {
  const incidentId = "large_incident";
  const started = new Date(Date.now() - 3 * 24 * 3600_000);
  const at = (min: number) => new Date(started.getTime() + min * 60_000);
  const incident = {
    id: incidentId,
    number,
    title: "Checkout outage after the database failover",
    severity: "SEV1",
    status: "RESOLVED",
    startedAt: started,
    detectedAt: at(4),
    acknowledgedAt: at(6),
    mitigatedAt: at(95),
    resolvedAt: at(180),
    summary:
      "Checkout returned errors for three hours after the primary database failed over and the connection pools kept stale connections.",
    customerImpact:
      "About 30 % of checkouts failed between the failover and the rollback; no data was lost.",
    services: ["checkout", "payments", "db-primary"],
    tags: ["database", "failover"],
    commanderName: "Member 1 of team 1",
    problemStatement: "Checkout failed for three hours after the database failover",
  };
  await c.query(`UPDATE "Team" SET "incidentSeq" = $1 WHERE id = 'team_1'`, [number]);
  await c.query(
    `INSERT INTO "Incident" (id, "teamId", number, title, severity, status, "startedAt", "detectedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt", summary, "customerImpact", services, tags, "commanderId", "createdById", "problemStatement", "updatedAt")
     VALUES ($1, 'team_1', $2, $3, 'SEV1', 'RESOLVED', $4, $5, $6, $7, $8, $9, $10, $11, $12, 'u_1_1', 'u_1_1', $13, now())`,
    [
      incidentId,
      number,
      incident.title,
      incident.startedAt,
      incident.detectedAt,
      incident.acknowledgedAt,
      incident.mitigatedAt,
      incident.resolvedAt,
      incident.summary,
      incident.customerImpact,
      incident.services,
      incident.tags,
      incident.problemStatement,
    ],
  );

  const kinds = ["ALERT", "ACTION", "DECISION", "COMMUNICATION", "NOTE"];
  const events = Array.from({ length: 300 }, (_, k) => ({
    id: `large_e${String(k).padStart(3, "0")}`,
    occurredAt: at(k * 0.6),
    kind: kinds[k % 5]!,
    body: `Step ${k}: ${k % 3 === 0 ? "paged the database on-call and opened the bridge" : k % 3 === 1 ? "error rate on checkout at " + ((k * 7) % 40) + " %, p99 latency " + ((k * 13) % 900) + " ms" : "rolled the connection pool on replica " + (k % 6)}.`,
    author: k % 2 ? "Member 2 of team 1" : null,
    isKey: k % 3 === 0,
  }));
  await c.query(
    `INSERT INTO "TimelineEvent" (id, "incidentId", "teamId", "occurredAt", kind, body, author, "isKey", "updatedAt")
     SELECT id, $1, 'team_1', at, kind::"TimelineKind", body, author, key, now() FROM unnest($2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::bool[]) AS e(id, at, kind, body, author, key)`,
    [
      incidentId,
      events.map((e) => e.id),
      events.map((e) => e.occurredAt),
      events.map((e) => e.kind),
      events.map((e) => e.body),
      events.map((e) => e.author),
      events.map((e) => e.isKey),
    ],
  );

  // 120 nodes breadth-first: 6 top-level causes, three causes each below; leaves every 4th are root causes.
  const nodes: WhyNodeData[] = [];
  for (let i = 0; i < 6; i++)
    nodes.push({
      id: `large_w${nodes.length}`,
      parentId: null,
      statement: "",
      position: i,
      isRootCause: false,
      category: null,
    });
  for (let i = 0; nodes.length < 120; i++) {
    for (let k = 0; k < 3 && nodes.length < 120; k++)
      nodes.push({
        id: `large_w${nodes.length}`,
        parentId: nodes[i]!.id,
        statement: "",
        position: k,
        isRootCause: false,
        category: null,
      });
  }
  const parents = new Set(nodes.map((n) => n.parentId));
  nodes.forEach((n, i) => {
    n.statement = `Cause ${i}: component ${i % 23} hit its limit ${i % 7} under the failover load while the pool kept ${i % 13} stale connections`;
    if (!parents.has(n.id) && i % 2 === 0) {
      n.isRootCause = true;
      n.category = (["PROCESS", "TOOLING", "MONITORING", "TESTING", "CAPACITY"] as const)[i % 5]!;
    }
  });
  await c.query(
    `INSERT INTO "WhyNode" (id, "incidentId", "teamId", "parentId", statement, position, "isRootCause", category, "updatedAt")
     SELECT id, $1, 'team_1', parent, statement, position, root, category::"RootCauseCategory", now() FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::bool[], $7::text[]) AS w(id, parent, statement, position, root, category)`,
    [
      incidentId,
      nodes.map((n) => n.id),
      nodes.map((n) => n.parentId),
      nodes.map((n) => n.statement),
      nodes.map((n) => n.position),
      nodes.map((n) => n.isRootCause),
      nodes.map((n) => n.category),
    ],
  );
  await c.query(`UPDATE "Incident" SET "whysVersion" = 120 WHERE id = $1`, [incidentId]);

  const roots = nodes.filter((n) => n.isRootCause);
  const statuses = ["OPEN", "IN_PROGRESS", "DONE", "WONT_DO"] as const;
  const priorities = ["P1", "P2", "P3", "P4"] as const;
  const actions = Array.from({ length: 40 }, (_, k) => ({
    id: `large_a${String(k).padStart(2, "0")}`,
    title: `Countermeasure ${k}: ${k % 2 ? "validate pooled connections on borrow" : "run a failover drill every quarter"} for component ${k % 23}`,
    ownerId: k % 5 === 4 ? null : `u_1_${1 + (k % 4)}`,
    ownerName: k % 5 === 4 ? null : `Member ${1 + (k % 4)} of team 1`,
    dueDate: new Date(Date.UTC(2027, k % 12, 1 + (k % 27))),
    status: statuses[k % 4]!,
    priority: priorities[k % 4]!,
    trackerUrl: k % 3 === 0 ? `https://tracker.example.test/OPS-${1000 + k}` : null,
    whyNodeId: roots[k % roots.length]!.id,
  }));
  await c.query(
    `INSERT INTO "ActionItem" (id, "teamId", "incidentId", "whyNodeId", title, "ownerId", "dueDate", priority, status, "trackerUrl", "createdAt", "updatedAt")
     SELECT id, 'team_1', $1, why, title, owner, due, priority::"Priority", status::"ActionStatus", tracker, now() - ((40 - ord) || ' minutes')::interval, now()
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[]) WITH ORDINALITY AS a(id, why, title, owner, due, priority, status, tracker, ord)`,
    [
      incidentId,
      actions.map((a) => a.id),
      actions.map((a) => a.whyNodeId),
      actions.map((a) => a.title),
      actions.map((a) => a.ownerId),
      actions.map((a) => a.dueDate),
      actions.map((a) => a.priority),
      actions.map((a) => a.status),
      actions.map((a) => a.trackerUrl),
    ],
  );

  const narrative: Record<string, string> = {};
  for (const kind of SECTION_KINDS)
    for (const f of kind.fields) narrative[f.key] = markdown(f.label.toLowerCase());
  const reportId = "large_report";
  const versionId = "large_version_1"; // shareLargeIncident names the same ids
  const publishedAt = new Date();
  await c.query(
    `INSERT INTO "Report" (id, "incidentId", status, narrative, "authorId", version, "updatedAt") VALUES ($1, $2, 'PUBLISHED', $3, 'u_1_1', 5, now())`,
    [reportId, incidentId, JSON.stringify(narrative)],
  );
  const source: ReportSource = {
    incident,
    keyEvents: events
      .filter((e) => e.isKey)
      .map(({ id, occurredAt, kind, body, author }) => ({ id, occurredAt, kind, body, author })),
    whyNodes: nodes,
    actionItems: actions.map(
      ({ id, title, ownerName, dueDate, status, priority, trackerUrl, whyNodeId }) => ({
        id,
        title,
        ownerName,
        dueDate,
        status,
        priority,
        trackerUrl,
        whyNodeId,
      }),
    ),
    template: { id: null, name: FULL_TEMPLATE_NAME, sections: fullTemplateSections() },
    narrative,
    author: { name: "Member 1 of team 1", email: "u1.1@bench.test" },
    reviewers: [
      {
        name: "Member 2 of team 1",
        email: "u1.2@bench.test",
        decision: "APPROVED",
        decidedAt: publishedAt,
      },
    ],
    publication: { number: 1, publishedAt, publishedBy: "Member 1 of team 1" },
  };
  const snapshot = composeReport(source);
  await c.query(
    `INSERT INTO "ReportVersion" (id, "reportId", number, snapshot, title, "publishedById", "publishedAt") VALUES ($1, $2, 1, $3, $4, 'u_1_1', $5)`,
    [versionId, reportId, JSON.stringify(snapshot), snapshot.title, publishedAt],
  );
  await c.query(
    `INSERT INTO "StakeholderGrant" (id, "reportVersionId", email) VALUES ('large_grant', $1, 'reader@bench.test')`,
    [versionId],
  );
  return shareLargeIncident(c);
}

/** A new share link to the large incident's published report (only the token's hash is stored). */
export async function shareLargeIncident(c: pg.Client): Promise<LargeIncident> {
  const shareToken = randomBytes(32).toString("base64url");
  await c.query(
    `INSERT INTO "ShareLink" (id, "reportVersionId", "recipientEmail", "tokenHash", "expiresAt", "deliveryState", "createdById") VALUES ($1, 'large_version_1', 'reader@bench.test', $2, now() + interval '30 days', 'SENT', 'u_1_1')`,
    [`large_share_${Date.now()}`, createHash("sha256").update(shareToken).digest("hex")],
  );
  return {
    incidentId: "large_incident",
    reportId: "large_report",
    versionId: "large_version_1",
    shareToken,
  };
}

// Published snapshots are parsed, not cast. ReportVersion.snapshot is JSON written once at
// publish time and read for ever after, so a reader must know which shape it holds: every
// snapshot carries `schema: <n>`, and `parseSnapshot` branches on that number. When the shape
// changes, add a schema n+1 (and SNAPSHOT_SCHEMA = n+1), keep the older schemas, and upgrade
// each to the next here: every lib/reports/fixtures/snapshot-v*.json must keep rendering.
import { z } from "zod";
import { ACTION_ITEM_TYPES, ACTION_STATUSES, PRIORITIES } from "@/lib/action-items/constants";
import { ROOT_CAUSE_CATEGORIES, type WhyTreeNode } from "@/lib/whys/tree";
import { templateSectionSchema } from "./sections";
import type { ReportSnapshot } from "./snapshot";

const isoTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "not an ISO time");
const category = z.enum(ROOT_CAUSE_CATEGORIES as [string, ...string[]]);

const whyNodeV1: z.ZodType<WhyTreeNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    parentId: z.string().nullable(),
    statement: z.string(),
    position: z.number(),
    isRootCause: z.boolean(),
    category: category.nullable(),
    children: z.array(whyNodeV1),
  }),
) as z.ZodType<WhyTreeNode>;

const durationMs = z.number().nonnegative().nullable();

export const snapshotV1Schema = z.object({
  schema: z.literal(1),
  title: z.string(),
  incident: z.object({
    id: z.string(),
    key: z.string(),
    number: z.number().int(),
    title: z.string(),
    severity: z.string(),
    status: z.string(),
    startedAt: isoTime,
    detectedAt: isoTime.nullable(),
    acknowledgedAt: isoTime.nullable(),
    mitigatedAt: isoTime.nullable(),
    resolvedAt: isoTime.nullable(),
    summary: z.string(),
    customerImpact: z.string(),
    services: z.array(z.string()),
    tags: z.array(z.string()),
    commanderName: z.string().nullable(),
  }),
  durations: z.object({
    timeToDetectMs: durationMs,
    timeToAcknowledgeMs: durationMs,
    timeToMitigateMs: durationMs,
    timeToResolveMs: durationMs,
  }),
  sections: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      blocks: z.array(z.enum(["facts", "timeline", "durations", "whys", "actions"])),
      fields: z.array(z.object({ key: z.string(), label: z.string(), markdown: z.string() })),
    }),
  ),
  keyEvents: z.array(
    z.object({
      id: z.string(),
      occurredAt: isoTime,
      kind: z.string(),
      body: z.string(),
      author: z.string().nullable(),
    }),
  ),
  whys: z.object({
    problem: z.string(),
    tree: z.array(whyNodeV1),
    rootCauses: z.array(
      z.object({
        id: z.string(),
        statement: z.string(),
        category: z.string().nullable(),
        countermeasures: z.number().int(),
      }),
    ),
  }),
  actionItems: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      ownerName: z.string().nullable(),
      dueDate: z.string().nullable(),
      status: z.enum(ACTION_STATUSES),
      priority: z.enum(PRIORITIES),
      trackerUrl: z.string().nullable(),
      whyNodeId: z.string().nullable(),
      rootCause: z.string().nullable(),
    }),
  ),
  template: z.object({
    id: z.string().nullable(),
    name: z.string(),
    sections: z.array(templateSectionSchema),
  }),
  version: z.number().int().nullable(),
  publishedAt: isoTime.nullable(),
  publishedBy: z.string().nullable(),
  internal: z
    .object({
      authorName: z.string().nullable(),
      authorEmail: z.string().nullable(),
      reviewers: z.array(
        z.object({
          name: z.string(),
          email: z.string(),
          decision: z.enum(["PENDING", "APPROVED", "CHANGES_REQUESTED"]),
          decidedAt: isoTime.nullable(),
        }),
      ),
    })
    .nullable(),
});

/**
 * Version 2 (issue 12): the customer impact window and its duration, and each action item's
 * type (prevent, mitigate, detect, process).
 */
export const snapshotV2Schema = snapshotV1Schema.extend({
  schema: z.literal(2),
  incident: snapshotV1Schema.shape.incident.extend({
    impactStartedAt: isoTime.nullable(),
    impactEndedAt: isoTime.nullable(),
  }),
  durations: snapshotV1Schema.shape.durations.extend({ customerImpactMs: durationMs }),
  actionItems: z.array(
    snapshotV1Schema.shape.actionItems.element.extend({
      type: z.enum(ACTION_ITEM_TYPES).nullable(),
    }),
  ),
});

const internalV2 = snapshotV2Schema.shape.internal.unwrap();

/**
 * Version 3 (issue 12, the customer version): sections say whether the template marked them
 * internal, the publishing team is named (and its logo), the author's customer summary, and the
 * team's member names (internal only) so the customer version can replace them by roles.
 */
export const snapshotV3Schema = snapshotV2Schema.extend({
  schema: z.literal(3),
  sections: z.array(snapshotV2Schema.shape.sections.element.extend({ internal: z.boolean() })),
  team: z.object({ name: z.string().nullable(), logoId: z.string().nullable() }),
  customerSummary: z.string(),
  internal: internalV2.extend({ members: z.array(z.string()) }).nullable(),
});

/**
 * Version 4 (issue 12, evidence and images): what the 5 Whys causes cite (timeline events and
 * links) and the files attached to the incident, its events and the report's sections.
 */
export const snapshotV4Schema = snapshotV3Schema.extend({
  schema: z.literal(4),
  evidence: z.array(
    z.object({
      id: z.string(),
      nodeId: z.string(),
      event: z
        .object({
          id: z.string(),
          occurredAt: isoTime,
          kind: z.string(),
          body: z.string(),
          author: z.string().nullable(),
        })
        .nullable(),
      url: z.string().nullable(),
      label: z.string().nullable(),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.string(),
      filename: z.string(),
      contentType: z.string(),
      size: z.number().int().nonnegative(),
      width: z.number().int().nullable(),
      height: z.number().int().nullable(),
      caption: z.string(),
      sectionKey: z.string().nullable(),
      timelineEventId: z.string().nullable(),
      event: z.object({ occurredAt: isoTime, body: z.string() }).nullable(),
    }),
  ),
});

/**
 * Version 5 (issue 12, the cause diagram): `whys.diagram` says the report draws the 5 Whys tree
 * as a diagram. Versions published before it had only the indented list, and their stored HTML
 * must stay as published, so an upgraded older snapshot says false.
 */
export const snapshotV5Schema = snapshotV4Schema.extend({
  schema: z.literal(5),
  whys: snapshotV4Schema.shape.whys.extend({ diagram: z.boolean() }),
});

// The newest schema and the ReportSnapshot type must describe the same shape (checked by tsc).
type SnapshotV5 = z.output<typeof snapshotV5Schema>;
const _sameShape: [
  SnapshotV5 extends ReportSnapshot ? true : false,
  ReportSnapshot extends SnapshotV5 ? true : false,
] = [true, true];
void _sameShape;

type SnapshotV4 = z.output<typeof snapshotV4Schema>;

type SnapshotV3 = z.output<typeof snapshotV3Schema>;

type SnapshotV2 = z.output<typeof snapshotV2Schema>;

/** Version 1 knew no impact window and no action item types: they read as not recorded. */
function upgradeV1(v1: z.output<typeof snapshotV1Schema>): SnapshotV2 {
  return {
    ...v1,
    schema: 2,
    incident: { ...v1.incident, impactStartedAt: null, impactEndedAt: null },
    durations: { ...v1.durations, customerImpactMs: null },
    actionItems: v1.actionItems.map((a) => ({ ...a, type: null })),
  };
}

/**
 * Version 2 knew no customer version: no section was internal, no team was named, no customer
 * summary was written, and no member list was kept (the customer version of such a report
 * replaces only the names its own fields show).
 */
function upgradeV2(v2: SnapshotV2): SnapshotV3 {
  return {
    ...v2,
    schema: 3,
    sections: v2.sections.map((s) => ({ ...s, internal: false })),
    team: { name: null, logoId: null },
    customerSummary: "",
    internal: v2.internal ? { ...v2.internal, members: [] } : null,
  };
}

/** Version 3 kept no evidence and had no attachments: its report shows none, as published. */
function upgradeV3(v3: SnapshotV3): SnapshotV4 {
  return { ...v3, schema: 4, evidence: [], attachments: [] };
}

/** Version 4 drew no cause diagram: its report keeps the list it was published with. */
function upgradeV4(v4: SnapshotV4): ReportSnapshot {
  return { ...v4, schema: 5, whys: { ...v4.whys, diagram: false } };
}

/** A stored snapshot that no schema version describes: a bug or a hand-edited row, never silently rendered. */
export class SnapshotFormatError extends Error {
  constructor(public readonly detail: string) {
    super(`Unreadable report snapshot: ${detail}`);
  }
}

/** Reads a stored snapshot by its schema number into the current ReportSnapshot shape. */
export function parseSnapshot(json: unknown): ReportSnapshot {
  const schema =
    json && typeof json === "object" ? (json as { schema?: unknown }).schema : undefined;
  switch (schema) {
    case 1: {
      const parsed = snapshotV1Schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SnapshotFormatError(
          `schema 1, ${issue.path.join(".") || "(root)"}: ${issue.message}`,
        );
      }
      return upgradeV4(upgradeV3(upgradeV2(upgradeV1(parsed.data))));
    }
    case 2: {
      const parsed = snapshotV2Schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SnapshotFormatError(
          `schema 2, ${issue.path.join(".") || "(root)"}: ${issue.message}`,
        );
      }
      return upgradeV4(upgradeV3(upgradeV2(parsed.data)));
    }
    case 3: {
      const parsed = snapshotV3Schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SnapshotFormatError(
          `schema 3, ${issue.path.join(".") || "(root)"}: ${issue.message}`,
        );
      }
      return upgradeV4(upgradeV3(parsed.data as SnapshotV3));
    }
    case 4: {
      const parsed = snapshotV4Schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SnapshotFormatError(
          `schema 4, ${issue.path.join(".") || "(root)"}: ${issue.message}`,
        );
      }
      return upgradeV4(parsed.data as SnapshotV4);
    }
    case 5: {
      const parsed = snapshotV5Schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SnapshotFormatError(
          `schema 5, ${issue.path.join(".") || "(root)"}: ${issue.message}`,
        );
      }
      return parsed.data as ReportSnapshot;
    }
    default:
      throw new SnapshotFormatError(`unknown schema ${JSON.stringify(schema ?? null)}`);
  }
}

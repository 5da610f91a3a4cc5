// The composed AAR (pure). `composeReport` turns plain incident data into the ReportSnapshot
// that the editor previews, publishing freezes into ReportVersion.snapshot, and every reader
// (team view, print, exports, shared link, portal) renders. Dates are ISO strings so the
// snapshot round-trips through JSON unchanged.
import type { WhyNodeData, WhyTreeNode } from "@/lib/whys/tree";
import { buildTree } from "@/lib/whys/tree";
import {
  DURATION_KEYS,
  DURATION_LABELS,
  formatDuration,
  incidentDurations,
  type DurationKey,
  type DurationTimes,
} from "@/lib/incidents/lifecycle";
import {
  CUSTOMER_SUMMARY_KEY,
  sectionFields,
  sectionKind,
  type AutoBlock,
  type Narrative,
  type TemplateSection,
} from "./sections";

/** Written into every snapshot; readers branch on it (lib/reports/snapshot-schema.ts). */
export const SNAPSHOT_SCHEMA = 5;

export type ActionStatus = "OPEN" | "IN_PROGRESS" | "DONE" | "WONT_DO";
export type Priority = "P1" | "P2" | "P3" | "P4";
export type ActionItemType = "PREVENT" | "MITIGATE" | "DETECT" | "PROCESS";
export type ReviewDecision = "PENDING" | "APPROVED" | "CHANGES_REQUESTED";

export interface SnapshotIncident {
  id: string;
  key: string; // INC-42
  number: number;
  title: string;
  severity: string;
  status: string;
  startedAt: string;
  detectedAt: string | null;
  acknowledgedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  /** Customer impact window (schema 2; null in upgraded version-1 snapshots). */
  impactStartedAt: string | null;
  impactEndedAt: string | null;
  summary: string;
  customerImpact: string;
  services: string[];
  tags: string[];
  commanderName: string | null;
}

/** Milliseconds, or null when a time is missing. Definitions are in docs/decisions.md. */
export interface SnapshotDurations {
  timeToDetectMs: number | null;
  timeToAcknowledgeMs: number | null;
  timeToMitigateMs: number | null;
  timeToResolveMs: number | null;
  customerImpactMs: number | null;
}

export interface SnapshotTimelineEvent {
  id: string;
  occurredAt: string;
  kind: string;
  body: string;
  author: string | null;
}

export interface SnapshotRootCause {
  id: string;
  statement: string;
  category: string | null;
  countermeasures: number;
}

export interface SnapshotActionItem {
  id: string;
  title: string;
  ownerName: string | null;
  dueDate: string | null; // YYYY-MM-DD
  status: ActionStatus;
  priority: Priority;
  trackerUrl: string | null;
  /** prevent / mitigate / detect / process (schema 2). */
  type: ActionItemType | null;
  whyNodeId: string | null;
  /** The root cause (or other why) statement this item addresses, if linked. */
  rootCause: string | null;
}

export interface SnapshotField {
  key: string;
  label: string;
  markdown: string;
}

export interface SnapshotSection {
  key: string;
  title: string;
  blocks: AutoBlock[];
  fields: SnapshotField[];
  /** The template marks it internal: the customer version leaves it out (schema 3). */
  internal: boolean;
}

/** What a 5 Whys cause cites: a timeline event (as it read when published) or a link (schema 4). */
export interface SnapshotEvidence {
  id: string;
  /** The cause (why node) that cites it. */
  nodeId: string;
  event: {
    id: string;
    occurredAt: string;
    kind: string;
    body: string;
    author: string | null;
  } | null;
  url: string | null;
  label: string | null;
}

/**
 * A file attached to the incident (schema 4): to one report section, one timeline event, or
 * the incident itself (sectionKey and timelineEventId both null). `event`: the event it is
 * attached to, for listing it under Supporting information when the event is no key event.
 */
export interface SnapshotAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  caption: string;
  sectionKey: string | null;
  timelineEventId: string | null;
  event: { occurredAt: string; body: string } | null;
}

export interface SnapshotReviewer {
  name: string;
  email: string;
  decision: ReviewDecision;
  decidedAt: string | null;
}

export interface ReportSnapshot {
  schema: typeof SNAPSHOT_SCHEMA;
  title: string;
  incident: SnapshotIncident;
  durations: SnapshotDurations;
  /** Enabled sections in the template's order, with the author's narrative. */
  sections: SnapshotSection[];
  keyEvents: SnapshotTimelineEvent[];
  /** problem: the saved statement, else the customer impact, else the title (as the 5 Whys page shows it). */
  /** diagram: drawn as a cause diagram (schema 5; false in upgraded older snapshots, whose stored HTML had only the list). */
  whys: {
    problem: string;
    tree: WhyTreeNode[];
    rootCauses: SnapshotRootCause[];
    diagram: boolean;
  };
  actionItems: SnapshotActionItem[];
  template: { id: string | null; name: string; sections: TemplateSection[] };
  /** Null while a draft. */
  version: number | null;
  publishedAt: string | null;
  publishedBy: string | null;
  /** The team that publishes it (schema 3): named on the shared page; null in upgraded older snapshots. */
  team: { name: string | null; logoId: string | null };
  /** A short summary written for customers (schema 3): heads the customer version. */
  customerSummary: string;
  /** What the 5 Whys causes cite, in the tree's order (schema 4; empty in upgraded older snapshots). */
  evidence: SnapshotEvidence[];
  /** Files attached to the incident, its events and the report's sections (schema 4). */
  attachments: SnapshotAttachment[];
  /**
   * Team-only content: stakeholder renderings and exports drop it (see toStakeholderSnapshot).
   * `members`: the team's display names at publishing, so the customer version can replace them
   * in free text by roles (schema 3; empty in upgraded older snapshots).
   */
  internal: {
    authorName: string | null;
    authorEmail: string | null;
    reviewers: SnapshotReviewer[];
    members: string[];
  } | null;
}

export interface ReportSource {
  incident: {
    id: string;
    number: number;
    title: string;
    severity: string;
    status: string;
    startedAt: Date;
    detectedAt: Date | null;
    acknowledgedAt: Date | null;
    mitigatedAt: Date | null;
    resolvedAt: Date | null;
    impactStartedAt?: Date | null;
    impactEndedAt?: Date | null;
    summary: string;
    customerImpact: string;
    services: string[];
    tags: string[];
    commanderName: string | null;
    problemStatement: string | null;
  };
  keyEvents: { id: string; occurredAt: Date; kind: string; body: string; author: string | null }[];
  whyNodes: WhyNodeData[];
  actionItems: {
    id: string;
    title: string;
    ownerName: string | null;
    dueDate: Date | null;
    status: ActionStatus;
    priority: Priority;
    trackerUrl: string | null;
    type?: ActionItemType | null;
    whyNodeId: string | null;
  }[];
  template: { id: string | null; name: string; sections: TemplateSection[] };
  narrative: Narrative;
  author: { name: string | null; email: string } | null;
  reviewers: {
    name: string | null;
    email: string;
    decision: ReviewDecision;
    decidedAt: Date | null;
  }[];
  team?: { name: string; logoId: string | null };
  /** Display names (or addresses) of the team's members, for the customer version's redaction. */
  members?: { name: string | null; email: string }[];
  publication?: { number: number; publishedAt: Date; publishedBy: string };
  evidence?: {
    id: string;
    nodeId: string;
    url: string | null;
    label: string | null;
    event: {
      id: string;
      occurredAt: Date;
      kind: string;
      body: string;
      author: string | null;
    } | null;
  }[];
  attachments?: (Omit<SnapshotAttachment, "event"> & {
    event: { occurredAt: Date; body: string } | null;
  })[];
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The report's copy of the incident's figures: the one rule in lib/incidents/lifecycle.ts. */
export function computeDurations(i: DurationTimes): SnapshotDurations {
  const d = incidentDurations(i);
  return {
    timeToDetectMs: d.toDetect,
    timeToAcknowledgeMs: d.toAcknowledge,
    timeToMitigateMs: d.toMitigate,
    timeToResolveMs: d.toResolve,
    customerImpactMs: d.customerImpact,
  };
}

/** Snapshot durations under the shared keys and labels (report view, Markdown export); customer impact when recorded. */
export function snapshotDurationRows(
  d: SnapshotDurations,
): { key: DurationKey | "customerImpact"; label: string; ms: number | null }[] {
  const ms: Record<DurationKey, number | null> = {
    toDetect: d.timeToDetectMs,
    toAcknowledge: d.timeToAcknowledgeMs,
    toMitigate: d.timeToMitigateMs,
    toResolve: d.timeToResolveMs,
  };
  const rows: { key: DurationKey | "customerImpact"; label: string; ms: number | null }[] =
    DURATION_KEYS.map((key) => ({ key, label: DURATION_LABELS[key], ms: ms[key] }));
  if (d.customerImpactMs !== null)
    rows.push({ key: "customerImpact", label: "Customer impact", ms: d.customerImpactMs });
  return rows;
}

export function reportTitle(number: number, title: string) {
  return `INC-${number}: ${title}`;
}

/** Builds everything a report shows from plain data. Pure: same input, same snapshot. */
export function composeReport(src: ReportSource): ReportSnapshot {
  const i = src.incident;
  const nodesById = new Map(src.whyNodes.map((n) => [n.id, n]));
  const countermeasures = new Map<string, number>();
  for (const a of src.actionItems)
    if (a.whyNodeId) countermeasures.set(a.whyNodeId, (countermeasures.get(a.whyNodeId) ?? 0) + 1);

  const tree = buildTree(src.whyNodes);
  const rootCauses: SnapshotRootCause[] = [];
  const walk = (list: WhyTreeNode[]) => {
    for (const n of list) {
      if (n.isRootCause)
        rootCauses.push({
          id: n.id,
          statement: n.statement,
          category: n.category,
          countermeasures: countermeasures.get(n.id) ?? 0,
        });
      walk(n.children);
    }
  };
  walk(tree);
  // Evidence in the order the causes are read (depth first, as the tree is drawn).
  const nodeOrder = new Map<string, number>();
  const order = (list: WhyTreeNode[]) =>
    list.forEach((n) => {
      nodeOrder.set(n.id, nodeOrder.size);
      order(n.children);
    });
  order(tree);
  const evidence: SnapshotEvidence[] = (src.evidence ?? [])
    .filter((e) => nodeOrder.has(e.nodeId) && (e.event || e.url))
    .map((e, index) => ({ e, index }))
    .sort((a, b) => nodeOrder.get(a.e.nodeId)! - nodeOrder.get(b.e.nodeId)! || a.index - b.index)
    .map(({ e }) => ({
      id: e.id,
      nodeId: e.nodeId,
      event: e.event ? { ...e.event, occurredAt: e.event.occurredAt.toISOString() } : null,
      url: e.event ? null : e.url,
      label: e.label?.trim() || null,
    }));
  const attachments: SnapshotAttachment[] = (src.attachments ?? []).map((a) => ({
    id: a.id,
    filename: a.filename,
    contentType: a.contentType,
    size: a.size,
    width: a.width,
    height: a.height,
    caption: a.caption,
    sectionKey: a.sectionKey,
    timelineEventId: a.timelineEventId,
    event: a.event ? { occurredAt: a.event.occurredAt.toISOString(), body: a.event.body } : null,
  }));

  const sections: SnapshotSection[] = src.template.sections
    .filter((s) => s.enabled && sectionKind(s.key))
    .map((s) => ({
      key: s.key,
      title: s.title,
      blocks: sectionKind(s.key)!.blocks,
      fields: sectionFields(s).map((f) => ({
        key: f.key,
        label: f.label,
        markdown: (src.narrative[f.key] ?? "").trim(),
      })),
      internal: s.internal === true,
    }));

  const keyEvents = [...src.keyEvents]
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id.localeCompare(b.id))
    .map((e) => ({
      id: e.id,
      occurredAt: e.occurredAt.toISOString(),
      kind: e.kind,
      body: e.body,
      author: e.author,
    }));

  const actionItems = src.actionItems.map((a) => ({
    id: a.id,
    title: a.title,
    ownerName: a.ownerName,
    dueDate: a.dueDate ? a.dueDate.toISOString().slice(0, 10) : null,
    status: a.status,
    priority: a.priority,
    trackerUrl: a.trackerUrl,
    type: a.type ?? null,
    whyNodeId: a.whyNodeId && nodesById.has(a.whyNodeId) ? a.whyNodeId : null,
    rootCause: a.whyNodeId ? (nodesById.get(a.whyNodeId)?.statement ?? null) : null,
  }));

  return {
    schema: SNAPSHOT_SCHEMA,
    title: reportTitle(i.number, i.title),
    incident: {
      id: i.id,
      key: `INC-${i.number}`,
      number: i.number,
      title: i.title,
      severity: i.severity,
      status: i.status,
      startedAt: i.startedAt.toISOString(),
      detectedAt: iso(i.detectedAt),
      acknowledgedAt: iso(i.acknowledgedAt),
      mitigatedAt: iso(i.mitigatedAt),
      resolvedAt: iso(i.resolvedAt),
      impactStartedAt: iso(i.impactStartedAt),
      impactEndedAt: iso(i.impactEndedAt),
      summary: i.summary,
      customerImpact: i.customerImpact,
      services: [...i.services],
      tags: [...i.tags],
      commanderName: i.commanderName,
    },
    durations: computeDurations(i),
    sections,
    keyEvents,
    whys: {
      problem: i.problemStatement?.trim() || i.customerImpact.trim() || i.title,
      tree,
      rootCauses,
      diagram: true,
    },
    actionItems,
    template: { id: src.template.id, name: src.template.name, sections: src.template.sections },
    version: src.publication?.number ?? null,
    publishedAt: src.publication ? src.publication.publishedAt.toISOString() : null,
    publishedBy: src.publication?.publishedBy ?? null,
    team: { name: src.team?.name ?? null, logoId: src.team?.logoId ?? null },
    customerSummary: (src.narrative[CUSTOMER_SUMMARY_KEY] ?? "").trim(),
    evidence,
    attachments,
    internal: {
      authorName: src.author?.name ?? null,
      authorEmail: src.author?.email ?? null,
      reviewers: src.reviewers.map((r) => ({
        name: r.name ?? r.email,
        email: r.email,
        decision: r.decision,
        decidedAt: iso(r.decidedAt),
      })),
      members: [
        ...new Set(
          (src.members ?? [])
            .flatMap((m) => [m.name?.trim(), m.email])
            .filter((v): v is string => Boolean(v)),
        ),
      ].sort(),
    },
  };
}

/** How a stakeholder sees a team member who has no display name (never their email address). */
export const UNNAMED_MEMBER = "a team member";
const withoutEmail = (name: string | null) => (name && name.includes("@") ? UNNAMED_MEMBER : name);

/**
 * What a stakeholder may see: the same report without team-internal content, and without the
 * email addresses that stand in for members who have no display name (also in versions
 * published before this rule).
 */
export function toStakeholderSnapshot(s: ReportSnapshot): ReportSnapshot {
  return {
    ...s,
    incident: { ...s.incident, commanderName: withoutEmail(s.incident.commanderName) },
    keyEvents: s.keyEvents.map((e) => ({ ...e, author: withoutEmail(e.author) })),
    actionItems: s.actionItems.map((a) => ({ ...a, ownerName: withoutEmail(a.ownerName) })),
    evidence: s.evidence.map((e) =>
      e.event ? { ...e, event: { ...e.event, author: withoutEmail(e.event.author) } } : e,
    ),
    publishedBy: withoutEmail(s.publishedBy),
    internal: null,
  };
}

/** A field gets its own heading unless it is the section's only field and says the same. */
export function showsFieldHeading(
  section: Pick<SnapshotSection, "title" | "fields">,
  field: Pick<SnapshotField, "label">,
) {
  return (
    section.fields.length > 1 ||
    field.label.trim().toLowerCase() !== section.title.trim().toLowerCase()
  );
}

/**
 * Which of the incident's own summary and impact texts the author's narrative already covers
 * in this section: the facts block then leaves them out, so a report never says them twice.
 */
export function factsNarrativeShown(section: Pick<SnapshotSection, "fields">) {
  const written = (key: string) =>
    section.fields.some((f) => f.key === key && f.markdown.trim() !== "");
  return { summary: written("summary"), impact: written("impact") };
}

export interface SectionCompleteness {
  key: string;
  title: string;
  emptyFields: { key: string; label: string }[];
  complete: boolean;
}

export interface Completeness {
  sections: SectionCompleteness[];
  filled: number;
  total: number;
  complete: boolean;
}

/** Which narrative fields of the enabled sections are still empty. */
export function reportCompleteness(
  sections: TemplateSection[],
  narrative: Narrative,
): Completeness {
  let filled = 0;
  let total = 0;
  const out = sections
    .filter((s) => s.enabled)
    .map((s) => {
      const fields = sectionFields(s);
      const emptyFields = fields
        .filter((f) => !(narrative[f.key] ?? "").trim())
        .map((f) => ({ key: f.key, label: f.label }));
      total += fields.length;
      filled += fields.length - emptyFields.length;
      return { key: s.key, title: s.title, emptyFields, complete: emptyFields.length === 0 };
    });
  return { sections: out, filled, total, complete: filled === total };
}

/** One duration format everywhere (lib/incidents/lifecycle.ts). */
export { formatDuration };

/** Stable, locale-independent timestamps for reports that are read anywhere and printed. */
export function formatTimestamp(isoString: string | null): string {
  if (!isoString) return "—";
  return `${isoString.slice(0, 10)} ${isoString.slice(11, 16)} UTC`;
}

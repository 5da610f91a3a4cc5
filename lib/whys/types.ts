// Serializable shapes the 5 Whys editor receives from the server (no Prisma types).
import type { WhyNodeData } from "./tree";

export interface WhyEvidence {
  id: string;
  url: string | null;
  label: string | null;
  timelineEventId: string | null;
}

export interface WhyEditorNode extends WhyNodeData {
  version: number;
  evidence: WhyEvidence[];
}

export interface WhyTimelineEvent {
  id: string;
  occurredAt: string;
  kind: string;
  body: string;
}

export interface WhySession {
  incidentId: string;
  incidentNumber: number;
  incidentTitle: string;
  /** What the tree explains (saved statement, else customer impact, else title). */
  problem: string;
  /** The saved statement, null while it is still the default. */
  problemStatement: string | null;
  whysVersion: number;
  nodes: WhyEditorNode[];
  events: WhyTimelineEvent[];
  /** Root-cause node id → its countermeasures. */
  actions: Record<string, { id: string; title: string; status: string }[]>;
  memberNames: string[];
}

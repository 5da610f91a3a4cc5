// One label map per enum: every view, email and export names a value through this module, so
// a severity, status, event kind, root-cause category or role reads the same everywhere
// (the incident page, the report, the Markdown/PDF exports, the History tab). Pure, no I/O,
// safe in client components.
import type { ActionItemType, ActionStatus, Priority } from "@/lib/action-items/constants";
import type { Role } from "@/lib/auth/permissions";
import type { IncidentStatus, LifecycleField, Severity } from "@/lib/incidents/constants";
import type { TimelineKind } from "@/lib/timeline/constants";
import type { RootCauseCategory } from "@/lib/whys/tree";

/** Long form for pickers and badges' titles; the short form is the code itself (SEV2). */
export const SEVERITY_LABELS: Record<Severity, string> = {
  SEV1: "SEV1 · critical",
  SEV2: "SEV2 · major",
  SEV3: "SEV3 · minor",
  SEV4: "SEV4 · low",
};

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  INVESTIGATING: "Investigating",
  IDENTIFIED: "Identified",
  MONITORING: "Monitoring",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
};

export const LIFECYCLE_LABELS: Record<LifecycleField, string> = {
  startedAt: "Started",
  detectedAt: "Detected",
  acknowledgedAt: "Acknowledged",
  mitigatedAt: "Mitigated",
  resolvedAt: "Resolved",
};

export const KIND_LABELS: Record<TimelineKind, string> = {
  ALERT: "Alert",
  ACTION: "Action",
  DECISION: "Decision",
  COMMUNICATION: "Communication",
  NOTE: "Note",
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  OPEN: "Open",
  IN_PROGRESS: "In progress",
  DONE: "Done",
  WONT_DO: "Won't do",
};

export const ACTION_ITEM_TYPE_LABELS: Record<ActionItemType, string> = {
  PREVENT: "Prevent",
  MITIGATE: "Mitigate",
  DETECT: "Detect",
  PROCESS: "Process",
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  P1: "P1 · urgent",
  P2: "P2 · high",
  P3: "P3 · normal",
  P4: "P4 · low",
};

/** Friendly names, in the order the category pickers offer them. */
export const ROOT_CAUSE_CATEGORY_LABELS: Record<RootCauseCategory, string> = {
  PROCESS: "Process",
  TOOLING: "Tooling",
  MONITORING: "Monitoring and detection",
  TESTING: "Testing",
  CHANGE_MANAGEMENT: "Change management",
  CAPACITY: "Capacity",
  DEPENDENCY: "Dependency or vendor",
  COMMUNICATION: "Communication",
  KNOWLEDGE: "Knowledge and training",
  OTHER: "Other",
};

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  EDITOR: "Editor",
  VIEWER: "Viewer",
};

/**
 * Label of a value read back as a plain string (a published snapshot, an audit row, a form):
 * the map's label when known, else the code made readable ("WONT_DO" → "Wont do") so an
 * unexpected value still renders instead of failing.
 */
function lookup<K extends string>(map: Record<K, string>, value: string): string {
  return Object.hasOwn(map, value) ? map[value as K] : humanize(value);
}

export function humanize(code: string): string {
  const words = code.replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const severityLabel = (severity: string) => lookup(SEVERITY_LABELS, severity);
export const statusLabel = (status: string) => lookup(STATUS_LABELS, status);
export const kindLabel = (kind: string) => lookup(KIND_LABELS, kind);
export const actionStatusLabel = (status: string) => lookup(ACTION_STATUS_LABELS, status);
export const priorityLabel = (priority: string) => lookup(PRIORITY_LABELS, priority);
export const roleLabel = (role: string) => lookup(ROLE_LABELS, role);

/** A root cause's category; "Uncategorised" when none was chosen. */
export function categoryLabel(category: string | null | undefined): string {
  return category ? lookup(ROOT_CAUSE_CATEGORY_LABELS, category) : "Uncategorised";
}

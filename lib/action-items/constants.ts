// Action-item vocabulary shared by forms, filters, badges and validation (no I/O).
export const ACTION_STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "WONT_DO"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
export type Priority = (typeof PRIORITIES)[number];
/** What an item does about the incident, as postmortems classify follow-ups. */
export const ACTION_ITEM_TYPES = ["PREVENT", "MITIGATE", "DETECT", "PROCESS"] as const;
export type ActionItemType = (typeof ACTION_ITEM_TYPES)[number];

/** The longest text each field accepts: the schema checks these and the form's maxLength says them. */
export const ACTION_ITEM_LIMITS = {
  title: 200,
  description: 5000,
  wontDoReason: 1000,
  trackerUrl: 2000,
} as const;

export { ACTION_ITEM_TYPE_LABELS, ACTION_STATUS_LABELS, PRIORITY_LABELS } from "@/lib/labels";

/** Statuses that still need work (and can therefore be overdue). */
export const ACTIVE_STATUSES: ActionStatus[] = ["OPEN", "IN_PROGRESS"];

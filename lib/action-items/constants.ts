// Action-item vocabulary shared by forms, filters, badges and validation (no I/O).
export const ACTION_STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "WONT_DO"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { OPEN: "Open", IN_PROGRESS: "In progress", DONE: "Done", WONT_DO: "Won't do" };
export const PRIORITY_LABELS: Record<Priority, string> = { P1: "P1 · urgent", P2: "P2 · high", P3: "P3 · normal", P4: "P4 · low" };

/** Statuses that still need work (and can therefore be overdue). */
export const ACTIVE_STATUSES: ActionStatus[] = ["OPEN", "IN_PROGRESS"];

export const TIMELINE_KINDS = ["ALERT", "ACTION", "DECISION", "COMMUNICATION", "NOTE"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export { KIND_LABELS } from "@/lib/labels";

export const BODY_MAX = 2000;
export const AUTHOR_MAX = 80;
export const IMPORT_MAX_EVENTS = 500;
export const IMPORT_MAX_CHARS = 200_000;

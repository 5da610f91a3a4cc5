// Which status changes make sense. Pure: the form, the server and the unit table share it.
import { STATUS_LABELS, type IncidentStatus } from "./constants";

/**
 * Forward along INVESTIGATING → IDENTIFIED → MONITORING → RESOLVED → CLOSED, skipping ahead is
 * fine (a fix can be confirmed at once), stepping back while open is fine (a wrong lead), a
 * RESOLVED incident may be reopened (back to INVESTIGATING only) or closed, and CLOSED is
 * final: the postmortem is done, reopening would mean a new incident.
 */
const allowed: Record<IncidentStatus, readonly IncidentStatus[]> = {
  INVESTIGATING: ["IDENTIFIED", "MONITORING", "RESOLVED"],
  IDENTIFIED: ["INVESTIGATING", "MONITORING", "RESOLVED"],
  MONITORING: ["INVESTIGATING", "IDENTIFIED", "RESOLVED"],
  RESOLVED: ["INVESTIGATING", "CLOSED"],
  CLOSED: [],
};

/** The statuses an incident in `from` may be given, itself first. */
export function nextStatuses(from: IncidentStatus): IncidentStatus[] {
  return [from, ...allowed[from]];
}

/** Statuses a new incident may start in (an incident can be written up after the fact). */
export const CREATE_STATUSES: IncidentStatus[] = [
  "INVESTIGATING",
  "IDENTIFIED",
  "MONITORING",
  "RESOLVED",
];

export type TransitionCheck =
  { ok: true } | { ok: false; field: "status" | "resolvedAt"; message: string };

/** Whether `from` → `to` is allowed, given the times the incident will have after the save. */
export function checkTransition(
  from: IncidentStatus | null,
  to: IncidentStatus,
  times: { resolvedAt: Date | null },
): TransitionCheck {
  if (from === null) {
    if (!CREATE_STATUSES.includes(to))
      return {
        ok: false,
        field: "status",
        message: "A new incident cannot start closed: resolve it first.",
      };
  } else if (from !== to && !allowed[from].includes(to)) {
    const why =
      from === "CLOSED"
        ? "A closed incident cannot change status."
        : to === "CLOSED"
          ? "Only a resolved incident can be closed."
          : `${STATUS_LABELS[from]} cannot change to ${STATUS_LABELS[to]}.`;
    return { ok: false, field: "status", message: why };
  }
  if ((to === "RESOLVED" || to === "CLOSED") && !times.resolvedAt) {
    return {
      ok: false,
      field: "resolvedAt",
      message: `Set the resolved time to mark the incident ${STATUS_LABELS[to].toLowerCase()}.`,
    };
  }
  if (to !== "RESOLVED" && to !== "CLOSED" && times.resolvedAt) {
    return {
      ok: false,
      field: "resolvedAt",
      message: "An open incident has no resolved time: clear it, or set the status to Resolved.",
    };
  }
  return { ok: true };
}

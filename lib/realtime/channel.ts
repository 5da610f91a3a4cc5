// Names and payloads of the PostgreSQL NOTIFY channels (pure: shared by writers and listeners).

/** Every 5 Whys change notifies this channel inside its transaction, so only committed changes are announced. */
export const WHYS_CHANNEL = "whys";

export interface WhysNotification {
  incidentId: string;
  /** Incident.whysVersion after the change; clients refetch when it is newer than theirs. */
  version: number;
}

export function parseWhysNotification(payload: string | undefined): WhysNotification | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as Partial<WhysNotification>;
    if (typeof value.incidentId !== "string" || typeof value.version !== "number") return null;
    return { incidentId: value.incidentId, version: value.version };
  } catch {
    return null;
  }
}

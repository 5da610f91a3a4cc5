// Opaque keyset cursor for the incident list: base64url JSON of the last row's sort key.
import type { Severity } from "./constants";

export interface IncidentCursor {
  startedAt: string;
  id: string;
  severity?: Severity;
}

export function encodeCursor(c: IncidentCursor): string {
  return Buffer.from(JSON.stringify(c), "utf8").toString("base64url");
}

/** The cursor, or null when it is malformed (a hand-edited URL starts again from the top). */
export function decodeCursor(raw: string): IncidentCursor | null {
  if (raw.length > 500) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!v || typeof v !== "object") return null;
    const { startedAt, id, severity } = v as Record<string, unknown>;
    if (typeof startedAt !== "string" || Number.isNaN(Date.parse(startedAt))) return null;
    if (typeof id !== "string" || !/^[a-z0-9]{1,40}$/i.test(id)) return null;
    if (severity !== undefined && !["SEV1", "SEV2", "SEV3", "SEV4"].includes(severity as string))
      return null;
    return { startedAt, id, ...(severity ? { severity: severity as Severity } : {}) };
  } catch {
    return null;
  }
}

// Where a search hit opens: the exact place, not just the incident (pure).
import type { SearchType } from "./schema";

export interface HitLocation {
  type: SearchType;
  id: string;
  incidentId: string;
  /** Reports: the published version number and the section key. */
  versionNumber?: number | null;
  sectionKey?: string | null;
}

export function hitHref(hit: HitLocation): string {
  const base = `/incidents/${encodeURIComponent(hit.incidentId)}`;
  switch (hit.type) {
    case "incident":
      return base;
    case "event":
      return `${base}#event-${encodeURIComponent(hit.id)}`;
    case "why":
      return `${base}/whys?node=${encodeURIComponent(hit.id)}`;
    case "action":
      return `${base}/actions/${encodeURIComponent(hit.id)}`;
    case "report":
      return `${base}/report/versions/${hit.versionNumber ?? 1}#section-${encodeURIComponent(hit.sectionKey ?? "")}`;
  }
}

/** A stakeholder's hit opens the shared version in the portal, at the section. */
export function portalHref(versionId: string, sectionKey?: string | null): string {
  return `/portal/reports/${encodeURIComponent(versionId)}${sectionKey ? `#section-${encodeURIComponent(sectionKey)}` : ""}`;
}

// Where evidence and attachments appear in a report (pure). Causes cite evidence by number
// (E1, E2 …) and the Supporting information section lists each one; a file appears beside what
// it was attached to when the report shows that (a section, a key event), else under
// Supporting information, so nothing attached is ever left out.
import type { ReportSnapshot, SnapshotAttachment, SnapshotEvidence } from "./snapshot";

export const SUPPORTING_SECTION_ID = "section-supporting-information";

/** Evidence id → its number in the report (1-based, in the snapshot's order). */
export function evidenceNumbers(s: Pick<ReportSnapshot, "evidence">): Map<string, number> {
  return new Map(s.evidence.map((e, i) => [e.id, i + 1]));
}

export function evidenceByNode(
  s: Pick<ReportSnapshot, "evidence">,
): Map<string, SnapshotEvidence[]> {
  const out = new Map<string, SnapshotEvidence[]>();
  for (const e of s.evidence) out.set(e.nodeId, [...(out.get(e.nodeId) ?? []), e]);
  return out;
}

export interface AttachmentPlacement {
  bySection: Map<string, SnapshotAttachment[]>;
  byEvent: Map<string, SnapshotAttachment[]>;
  supporting: SnapshotAttachment[];
}

export function placeAttachments(
  s: Pick<ReportSnapshot, "attachments" | "sections" | "keyEvents">,
): AttachmentPlacement {
  const sections = new Set(s.sections.map((sec) => sec.key));
  const timelineShown = s.sections.some((sec) => sec.blocks.includes("timeline"));
  const keyEvents = new Set(timelineShown ? s.keyEvents.map((e) => e.id) : []);
  const placement: AttachmentPlacement = {
    bySection: new Map(),
    byEvent: new Map(),
    supporting: [],
  };
  const add = (map: Map<string, SnapshotAttachment[]>, key: string, a: SnapshotAttachment) =>
    map.set(key, [...(map.get(key) ?? []), a]);
  for (const a of s.attachments) {
    if (a.sectionKey && sections.has(a.sectionKey)) add(placement.bySection, a.sectionKey, a);
    else if (a.timelineEventId && keyEvents.has(a.timelineEventId))
      add(placement.byEvent, a.timelineEventId, a);
    else placement.supporting.push(a);
  }
  return placement;
}

/** "PNG image, 48 KB" */
export function describeFile(a: Pick<SnapshotAttachment, "contentType" | "size">): string {
  const kind: Record<string, string> = {
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "image/gif": "GIF image",
    "image/webp": "WebP image",
    "application/pdf": "PDF",
    "text/plain": "text",
    "text/csv": "CSV",
    "application/json": "JSON",
  };
  const size =
    a.size < 1024
      ? `${a.size} bytes`
      : a.size < 1024 * 1024
        ? `${Math.round(a.size / 1024)} KB`
        : `${(a.size / 1024 / 1024).toFixed(1)} MB`;
  return `${kind[a.contentType] ?? "file"}, ${size}`;
}

export const isImage = (a: Pick<SnapshotAttachment, "contentType">) =>
  a.contentType.startsWith("image/");

/** Whether the report needs its Supporting information section. */
export function hasSupportingInformation(s: ReportSnapshot): boolean {
  return s.evidence.length > 0 || placeAttachments(s).supporting.length > 0;
}

// The text of a published report, per section, as search indexes it (pure). Written once at
// publish into ReportSectionText beside the frozen snapshot.
import type { ReportSnapshot } from "@/lib/reports/snapshot";
import { snapshotSectionTexts } from "@/lib/reports/text";

export interface SectionSearchText {
  position: number;
  key: string;
  title: string;
  body: string;
}

export function reportSearchSections(snapshot: ReportSnapshot): SectionSearchText[] {
  return snapshotSectionTexts(snapshot).map((s, position) => ({
    position,
    key: s.key,
    title: s.title,
    // Markdown markers and the "not written" placeholder are noise in snippets.
    body: s.text
      .replace(/_Not written\._/g, "")
      .replace(/^#{1,6}\s+/gm, "")
      .replace(/\*\*|__/g, "")
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
  }));
}

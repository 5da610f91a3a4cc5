// A readable diff between two published versions (pure): per section, the lines of the
// rendered text that were added or removed. Built on the `diff` package's line diff.
import { diffLines } from "diff";
import type { ReportSnapshot } from "./snapshot";
import { snapshotSectionTexts } from "./text";

export interface DiffLine {
  type: "added" | "removed" | "same";
  text: string;
}

export interface SectionDiff {
  key: string;
  title: string;
  changed: boolean;
  lines: DiffLine[];
}

function toLines(value: string): string[] {
  const lines = value.split("\n");
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

export function diffText(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const part of diffLines(before, after)) {
    const type = part.added ? "added" : part.removed ? "removed" : "same";
    for (const text of toLines(part.value)) out.push({ type, text });
  }
  return out;
}

/** Sections of both versions, in the newer version's order (removed sections after). */
export function diffSnapshots(from: ReportSnapshot, to: ReportSnapshot): SectionDiff[] {
  const a = new Map(snapshotSectionTexts(from).map((s) => [s.key, s]));
  const b = snapshotSectionTexts(to);
  const keys = [
    ...b.map((s) => s.key),
    ...[...a.keys()].filter((k) => !b.some((s) => s.key === k)),
  ];
  return keys.map((key) => {
    const before = a.get(key);
    const after = b.find((s) => s.key === key);
    const lines = diffText(before ? before.text + "\n" : "", after ? after.text + "\n" : "");
    return {
      key,
      title: after?.title ?? before?.title ?? key,
      changed: lines.some((l) => l.type !== "same") || before?.title !== after?.title,
      lines,
    };
  });
}

export function diffSummary(sections: SectionDiff[]) {
  let added = 0;
  let removed = 0;
  for (const s of sections)
    for (const l of s.lines) {
      if (l.type === "added") added++;
      else if (l.type === "removed") removed++;
    }
  return { added, removed, changedSections: sections.filter((s) => s.changed).length };
}

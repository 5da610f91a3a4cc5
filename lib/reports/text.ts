// Plain-text / Markdown rendering of a snapshot (pure). One renderer feeds the Markdown
// export and the version diff, so what a diff shows is exactly what an export contains.
import { ACTION_ITEM_TYPE_LABELS, categoryLabel } from "@/lib/labels";
import type { WhyTreeNode } from "@/lib/whys/tree";
import {
  factsNarrativeShown,
  formatDuration,
  formatTimestamp,
  showsFieldHeading,
  snapshotDurationRows,
  type ReportSnapshot,
  type SnapshotSection,
} from "./snapshot";

const STATUS_LABEL: Record<string, string> = {
  OPEN: "Open",
  IN_PROGRESS: "In progress",
  DONE: "Done",
  WONT_DO: "Won't do",
};

/** "2026-01-10 13:00 UTC – 2026-01-10 19:00 UTC (6 h)", or "since …" while impact goes on. */
export function impactWindow(s: ReportSnapshot) {
  const i = s.incident;
  if (!i.impactStartedAt) return "—";
  if (!i.impactEndedAt) return `since ${formatTimestamp(i.impactStartedAt)} (not ended)`;
  return `${formatTimestamp(i.impactStartedAt)} – ${formatTimestamp(i.impactEndedAt)} (${formatDuration(s.durations.customerImpactMs)})`;
}

export function actionStatusLabel(status: string) {
  return STATUS_LABEL[status] ?? status;
}

function treeLines(nodes: WhyTreeNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${"  ".repeat(depth)}- ${n.statement}${n.isRootCause ? ` **[root cause${n.category ? `: ${categoryLabel(n.category)}` : ""}]**` : ""}`,
    ...treeLines(n.children, depth + 1),
  ]);
}

function blockLines(
  s: ReportSnapshot,
  block: SnapshotSection["blocks"][number],
  section: SnapshotSection,
): string[] {
  const i = s.incident;
  switch (block) {
    case "facts": {
      const shown = factsNarrativeShown(section);
      return [
        `- Severity: ${i.severity}`,
        `- Status: ${i.status.toLowerCase()}`,
        `- Started: ${formatTimestamp(i.startedAt)}`,
        `- Detected: ${formatTimestamp(i.detectedAt)}`,
        `- Mitigated: ${formatTimestamp(i.mitigatedAt)}`,
        `- Resolved: ${formatTimestamp(i.resolvedAt)}`,
        `- Duration: ${formatDuration(s.durations.timeToResolveMs)}`,
        ...(i.impactStartedAt ? [`- Customer impact: ${impactWindow(s)}`] : []),
        `- Services: ${i.services.join(", ") || "—"}`,
        ...(i.commanderName ? [`- Incident commander: ${i.commanderName}`] : []),
        ...(i.summary.trim() && !shown.summary
          ? ["", `Incident summary: ${i.summary.trim()}`]
          : []),
        ...(i.customerImpact.trim() && !shown.impact
          ? ["", `Customer impact: ${i.customerImpact.trim()}`]
          : []),
      ];
    }
    case "durations":
      return [
        ...snapshotDurationRows(s.durations).map((r) => `- ${r.label}: ${formatDuration(r.ms)}`),
      ];
    case "timeline":
      return s.keyEvents.length
        ? [
            "Key timeline events:",
            "",
            ...s.keyEvents.map(
              (e) =>
                `- ${formatTimestamp(e.occurredAt)} (${e.kind.toLowerCase()}) ${e.body.replace(/\s+/g, " ").trim()}`,
            ),
          ]
        : ["Key timeline events: none marked."];
    case "whys":
      return [
        `Problem: ${s.whys.problem}`,
        "",
        ...(s.whys.tree.length
          ? ["5 Whys:", "", ...treeLines(s.whys.tree)]
          : ["5 Whys: no causes recorded."]),
        "",
        ...(s.whys.rootCauses.length
          ? [
              "Root causes:",
              "",
              ...s.whys.rootCauses.map(
                (r) => `- ${r.statement}${r.category ? ` (${categoryLabel(r.category)})` : ""}`,
              ),
            ]
          : ["Root causes: none identified."]),
      ];
    case "actions":
      return s.actionItems.length
        ? [
            "Action items:",
            "",
            ...s.actionItems.map(
              (a) =>
                `- [${a.priority}] ${a.title} — ${a.type ? `type: ${ACTION_ITEM_TYPE_LABELS[a.type]}; ` : ""}owner: ${a.ownerName ?? "unassigned"}; due: ${a.dueDate ?? "no date"}; status: ${actionStatusLabel(a.status)}${a.rootCause ? `; addresses: ${a.rootCause}` : ""}${a.trackerUrl ? `; tracker: <${a.trackerUrl}>` : ""}`,
            ),
          ]
        : ["Action items: none."];
  }
}

export interface SectionText {
  key: string;
  title: string;
  text: string;
}

/** Each section as Markdown text: the narrative fields, then the facts filled in from the incident. */
export function snapshotSectionTexts(s: ReportSnapshot): SectionText[] {
  return s.sections.map((section) => {
    const lines: string[] = [];
    for (const f of section.fields) {
      if (showsFieldHeading(section, f)) lines.push(`### ${f.label}`, "");
      lines.push(f.markdown || "_Not written._", "");
    }
    for (const b of section.blocks) lines.push(...blockLines(s, b, section), "");
    return { key: section.key, title: section.title, text: lines.join("\n").trim() };
  });
}

/**
 * The whole report as a Markdown document (the Markdown export). `customer`: `s` is already the
 * customer snapshot (lib/reports/customer.ts); its summary opens the document.
 */
export function snapshotToMarkdown(
  s: ReportSnapshot,
  options: { customer?: boolean } = {},
): string {
  const head = [
    `# ${s.title}`,
    "",
    ...(s.team.name
      ? [`${options.customer ? "Incident report" : "After Action Report"} from ${s.team.name}.`, ""]
      : []),
    s.version
      ? `Version ${s.version}, published ${formatTimestamp(s.publishedAt)}${s.publishedBy ? ` by ${s.publishedBy}` : ""}.`
      : "Draft (not published).",
  ];
  const summary =
    options.customer && s.customerSummary ? [{ title: "Summary", text: s.customerSummary }] : [];
  const body = [...summary, ...snapshotSectionTexts(s)].flatMap((sec) => [
    "",
    `## ${sec.title}`,
    "",
    sec.text,
  ]);
  return [...head, ...body, ""].join("\n");
}

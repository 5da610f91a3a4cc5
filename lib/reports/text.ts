// Plain-text / Markdown rendering of a snapshot (pure). One renderer feeds the Markdown
// export and the version diff, so what a diff shows is exactly what an export contains.
import { ACTION_ITEM_TYPE_LABELS, categoryLabel } from "@/lib/labels";
import type { WhyTreeNode } from "@/lib/whys/tree";
import { describeFile, evidenceByNode, evidenceNumbers, placeAttachments } from "./evidence";
import {
  factsNarrativeShown,
  formatDuration,
  formatTimestamp,
  showsFieldHeading,
  snapshotDurationRows,
  type ReportSnapshot,
  type SnapshotAttachment,
  type SnapshotSection,
} from "./snapshot";

/** "- p99.png (PNG image, 48 KB): Latency during the incident" */
function fileLine(a: SnapshotAttachment): string {
  return `- Attached: ${a.filename} (${describeFile(a)})${a.caption ? `: ${a.caption}` : ""}`;
}

/** " (evidence E1, E3)" */
function evidenceRefs(s: ReportSnapshot, nodeId: string): string {
  const cited = evidenceByNode(s).get(nodeId);
  if (!cited?.length) return "";
  const numbers = evidenceNumbers(s);
  return ` (evidence ${cited.map((e) => `E${numbers.get(e.id)}`).join(", ")})`;
}

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
            ...s.keyEvents.flatMap((e) => [
              `- ${formatTimestamp(e.occurredAt)} (${e.kind.toLowerCase()}) ${e.body.replace(/\s+/g, " ").trim()}`,
              ...(placeAttachments(s).byEvent.get(e.id) ?? []).map((a) => `  ${fileLine(a)}`),
            ]),
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
                (r) =>
                  `- ${r.statement}${r.category ? ` (${categoryLabel(r.category)})` : ""}${evidenceRefs(s, r.id)}`,
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
    const files = placeAttachments(s).bySection.get(section.key) ?? [];
    if (files.length) lines.push(...files.map(fileLine), "");
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
  return [...head, ...body, ...supportingLines(s), ""].join("\n");
}

/** The Supporting information section: every cited piece of evidence, and files shown nowhere else. */
export function supportingLines(s: ReportSnapshot): string[] {
  const files = placeAttachments(s).supporting;
  if (s.evidence.length === 0 && files.length === 0) return [];
  const numbers = evidenceNumbers(s);
  const statements = new Map<string, string>();
  const walk = (nodes: WhyTreeNode[]) =>
    nodes.forEach((n) => {
      statements.set(n.id, n.statement);
      walk(n.children);
    });
  walk(s.whys.tree);
  const evidence = s.evidence.map((e) => {
    const what = e.event
      ? `Timeline, ${formatTimestamp(e.event.occurredAt)} (${e.event.kind.toLowerCase()}): ${e.event.body.replace(/\s+/g, " ").trim()}${e.event.author ? ` — ${e.event.author}` : ""}${e.label ? ` (${e.label})` : ""}`
      : `${e.label ? `${e.label}: ` : ""}<${e.url}>`;
    const cause = statements.get(e.nodeId);
    return `${numbers.get(e.id)}. E${numbers.get(e.id)} — ${what}${cause ? ` — cited for: ${cause}` : ""}`;
  });
  return [
    "",
    "## Supporting information",
    ...(evidence.length ? ["", "Evidence cited in the 5 Whys:", "", ...evidence] : []),
    ...(files.length
      ? [
          "",
          "Attached files:",
          "",
          ...files.map(
            (a) =>
              `${fileLine(a)}${a.event ? ` (on the timeline event at ${formatTimestamp(a.event.occurredAt)}: ${a.event.body.replace(/\s+/g, " ").trim()})` : ""}`,
          ),
        ]
      : []),
  ];
}

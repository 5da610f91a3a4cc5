// What an approval is of: the exact content a report shows, as one hash (pure).
//
// A reviewer approves the composed report — narrative sections and the facts drawn from the
// incident (title, severity, status, lifecycle times, summary, impact, key events, the 5 Whys,
// action items). The approval stores this hash; it counts only while the report still hashes
// the same, and publishing freezes a snapshot whose hash every counted approval was given for.
import { createHash } from "node:crypto";
import type { ReportSnapshot } from "./snapshot";

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * sha256 of the report's content in a canonical JSON form (key order does not matter). Not
 * content: who reviewed (and the team's member list), the publication stamp, the team's name
 * and logo (a heading, changed in team settings), and the template's prompts and ids (the
 * sections themselves, with their titles and text, are content).
 */
export function reportContentHash(snapshot: ReportSnapshot): string {
  const {
    internal: _i,
    version: _v,
    publishedAt: _pa,
    publishedBy: _pb,
    template: _t,
    team: _team,
    ...content
  } = snapshot;
  return createHash("sha256")
    .update(JSON.stringify(canonical(content)))
    .digest("hex");
}

/**
 * Audit actions whose change can alter what a report shows. Every such write records its audit
 * row in its own transaction, which is where approvals of the old content are withdrawn
 * (lib/reports/approvals.ts). Anything else that changes the hash (a renamed user, an edited
 * template) is still caught when approvals are counted, by comparing hashes.
 */
const CONTENT_ACTIONS = [
  "incident.",
  "why_node.",
  "action_item.",
  "timeline.",
  "report.narrative.",
  "report.template.",
  "attachment.",
];

export function changesReportContent(action: string): boolean {
  return CONTENT_ACTIONS.some((prefix) => action.startsWith(prefix));
}

/** Audit actions that write the report's own text: whoever did them in this draft cannot approve it. */
export const NARRATIVE_ACTIONS = ["report.narrative.update", "report.template.change"];
export const CONTENT_ACTION_PREFIXES = CONTENT_ACTIONS;

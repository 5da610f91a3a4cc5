// The customer version of a report (pure). Customers read what happened to them and what will
// change; they do not learn who on the team did what. Derived from the published snapshot, so
// it is rendered and stored at publish like every other variant (components/reports/report-html.tsx).
//
// Compared with the stakeholder version it
// - leaves out the sections the template marks internal and the timeline's internal notes;
// - shows roles instead of people: timeline authors, action item owners, the publisher;
// - replaces every team member's name and every email address in free text (narrative, event
//   bodies, 5 Whys statements, action titles) by a role or "[email removed]";
// - drops tracker links (internal systems) and the incident commander's name;
// - keeps the 5 Whys evidence that cites timeline events it shows (scrubbed), not links (internal
//   dashboards and chats), and only the files attached to the sections it shows (a screenshot
//   of a chat or a dashboard may name people, and pixels cannot be scrubbed);
// - opens with the customer summary the author wrote for it, when there is one.
import type { WhyTreeNode } from "@/lib/whys/tree";
import type { ReportSnapshot } from "./snapshot";

export const CUSTOMER_ROLES = {
  commander: "Incident commander",
  responder: "Responder",
  owner: "Assigned engineer",
  publisher: "the incident response team",
} as const;

/** What a name becomes inside running text. */
const IN_TEXT = { commander: "the incident commander", responder: "a responder" } as const;

export const EMAIL_REMOVED = "[email removed]";
// Deliberately broad (anything@anything.tld): a false positive costs a word, a miss leaks an address.
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every person the snapshot names (structured fields and, when kept, the team's member list). */
export function peopleNamed(s: ReportSnapshot): string[] {
  const names = new Set<string>();
  const add = (v: string | null | undefined) => {
    const t = v?.trim();
    if (t && t.length >= 2) names.add(t);
  };
  add(s.incident.commanderName);
  add(s.publishedBy);
  for (const e of s.keyEvents) add(e.author);
  for (const a of s.actionItems) add(a.ownerName);
  if (s.internal) {
    add(s.internal.authorName);
    add(s.internal.authorEmail);
    for (const r of s.internal.reviewers) {
      add(r.name);
      add(r.email);
    }
    for (const m of s.internal.members) add(m);
  }
  return [...names];
}

/** A text scrubber for this snapshot: addresses first, then names, longest first ("Ann Lee" before "Ann"). */
export function customerScrubber(s: ReportSnapshot): (text: string) => string {
  const commander = s.incident.commanderName?.trim().toLowerCase() ?? null;
  const names = peopleNamed(s)
    .filter((n) => !n.includes("@"))
    .sort((a, b) => b.length - a.length);
  const patterns = names.map((n) => ({
    // Word boundaries that also work for names starting or ending in non-ASCII letters.
    re: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(n)}(?![\\p{L}\\p{N}])`, "giu"),
    role: n.toLowerCase() === commander ? IN_TEXT.commander : IN_TEXT.responder,
  }));
  return (text: string) => {
    let out = text.replace(EMAIL, EMAIL_REMOVED);
    for (const p of patterns) out = out.replace(p.re, p.role);
    return out;
  };
}

const TIMELINE_INTERNAL_KINDS = new Set(["NOTE"]);

/** The customer version of a (team) snapshot. Idempotent; `internal` is always dropped. */
export function toCustomerSnapshot(s: ReportSnapshot): ReportSnapshot {
  const scrub = customerScrubber(s);
  const commander = s.incident.commanderName?.trim().toLowerCase() ?? null;
  const authorRole = (name: string | null) =>
    name === null
      ? null
      : name.trim().toLowerCase() === commander
        ? CUSTOMER_ROLES.commander
        : CUSTOMER_ROLES.responder;
  const shownSections = new Set(s.sections.filter((sec) => !sec.internal).map((sec) => sec.key));
  const tree = (nodes: WhyTreeNode[]): WhyTreeNode[] =>
    nodes.map((n) => ({ ...n, statement: scrub(n.statement), children: tree(n.children) }));
  return {
    ...s,
    title: scrub(s.title),
    incident: {
      ...s.incident,
      title: scrub(s.incident.title),
      summary: scrub(s.incident.summary),
      customerImpact: scrub(s.incident.customerImpact),
      commanderName: null,
    },
    sections: s.sections
      .filter((sec) => !sec.internal)
      .map((sec) => ({
        ...sec,
        title: scrub(sec.title),
        fields: sec.fields.map((f) => ({ ...f, markdown: scrub(f.markdown) })),
      })),
    keyEvents: s.keyEvents
      .filter((e) => !TIMELINE_INTERNAL_KINDS.has(e.kind))
      .map((e) => ({ ...e, body: scrub(e.body), author: authorRole(e.author) })),
    whys: {
      ...s.whys,
      problem: scrub(s.whys.problem),
      tree: tree(s.whys.tree),
      rootCauses: s.whys.rootCauses.map((r) => ({ ...r, statement: scrub(r.statement) })),
    },
    actionItems: s.actionItems.map((a) => ({
      ...a,
      title: scrub(a.title),
      rootCause: a.rootCause === null ? null : scrub(a.rootCause),
      ownerName: a.ownerName === null ? null : CUSTOMER_ROLES.owner,
      trackerUrl: null,
    })),
    publishedBy: s.publishedBy === null ? null : (s.team.name ?? CUSTOMER_ROLES.publisher),
    customerSummary: scrub(s.customerSummary),
    evidence: s.evidence
      .filter((e) => e.event && !TIMELINE_INTERNAL_KINDS.has(e.event.kind))
      .map((e) => ({
        ...e,
        label: e.label === null ? null : scrub(e.label),
        event: e.event && {
          ...e.event,
          body: scrub(e.event.body),
          author: authorRole(e.event.author),
        },
      })),
    attachments: s.attachments
      .filter((a) => a.sectionKey !== null && shownSections.has(a.sectionKey))
      .map((a) => ({ ...a, filename: scrub(a.filename), caption: scrub(a.caption), event: null })),
    internal: null,
  };
}

/** Names and addresses of `team` that still occur in `text` (a check for tests and the author's preview). */
export function customerLeaks(team: ReportSnapshot, text: string): string[] {
  const lower = text.toLowerCase();
  const found = peopleNamed(team).filter((n) => lower.includes(n.toLowerCase()));
  const emails = text.match(EMAIL) ?? [];
  return [...new Set([...found, ...emails])];
}

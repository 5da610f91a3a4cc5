// The customer version of a report (pure). Customers read what happened to them and what will
// change; they do not learn who on the team did what. Derived from the published snapshot, so
// it is rendered and stored at publish like every other variant (components/reports/report-html.tsx).
//
// Compared with the stakeholder version it
// - leaves out the sections the template marks internal and the timeline's internal notes;
// - shows roles instead of people: timeline authors, action item owners, the publisher;
// - replaces every team member's name and every email address in free text (narrative, event
//   bodies, 5 Whys statements, action titles) by a role or "[email removed]", and first names
//   used alone ("Ana restarted the pod") by the rule in `firstNameRoles` below;
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

type Role = keyof typeof IN_TEXT;

/**
 * English words that are also given names. Capitalised in the middle of a sentence they are
 * a name ("then Will restarted it"); at the start of one they are as likely the word ("Will
 * this recur?", "Mark the alert resolved", "Page the on-call"), so there they are kept.
 */
const WORD_NAMES = new Set(
  (
    "April August Autumn Amber Art Bill Brook Brooke Buck Bud Candy Chase Chip Christian Clay " +
    "Cliff Crystal Dale Dash Dawn Dean Destiny Drew Dusty Eve Faith Fern Frank " +
    "Gale Gay Gene Ginger Glen Grace Grant Guy Hale Harmony Heath Heather Holly Hope Hunter Iris Ivy " +
    "Jack Jade Jay Jean Jewel Joy Judge June Kit Lance Lane Laurel Lily Lou Mark Marsh Mason " +
    "Max May Mercy Miles Misty Norm Olive Pansy Pat Patience Pearl Penny Pepper Page Pierce " +
    "Poppy Price Rich Rob Robin Rock Rod Rose Ruby Rusty Sage Scout Sky Skip Sterling Storm Sue " +
    "Summer Sunny Tab Tanner Trinity True Victor Violet Wade Ward Will Winter Wren"
  ).split(" "),
);

/** Address local parts that name a mailbox, not a person (support@ must not hide "Support"). */
const MAILBOX_WORDS = new Set(
  (
    "admin alerts billing contact dev devops eng engineering help helpdesk hello info infra " +
    "it mail noreply oncall ops platform postmaster root sales security sre support team test " +
    "user webmaster"
  ).split(" "),
);

const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

/** A first name: letters, optionally joined by a hyphen or apostrophe (Mary-Jane, D'Arcy). */
const FIRST_NAME = /^\p{Lu}[\p{L}]+(?:[-'’]\p{L}+)*$/u;

/**
 * First names and surnames that may appear alone in running text, with the role each stands for.
 *
 * The rule (docs/decisions.md): only people this report knows (the team's members, the
 * commander, timeline authors, owners, reviewers, the author and publisher); the first word of
 * a display name of two or more words (and its last word, the surname), or the first part of an address's local part
 * ("ana.lopez@…" → "Ana") for members known only by their address, when it is at least three
 * letters and not a mailbox word. A first name is replaced only as written with its capital
 * (case-sensitive: "ana" or "ANA" are left alone), as a whole word, never inside an address,
 * path or identifier ("Ana-svc", "x/Ana", "Ana_1"). A first name that is also an English word
 * ("Will", "May", "Mark") is replaced only in the middle of a sentence. A first name shared by
 * the commander and someone else becomes "a responder". A word of the team's name is never one.
 */
export function firstNameRoles(s: ReportSnapshot): Map<string, Role> {
  const commander = s.incident.commanderName?.trim() ?? "";
  const fullNames = new Set(peopleNamed(s).map((n) => n.toLowerCase()));
  // The team's name heads every customer page: a member called "Payments Bot" must not turn
  // the "Payments" of "Payments Platform" (or of the text) into a role.
  const teamWords = new Set((s.team.name ?? "").split(/\s+/));
  const roles = new Map<string, Role>();
  const add = (first: string, role: Role) => {
    // A one-word display name is already replaced as a full name (in any case).
    if (!FIRST_NAME.test(first) || fullNames.has(first.toLowerCase()) || teamWords.has(first))
      return;
    roles.set(first, roles.has(first) && roles.get(first) !== role ? "responder" : role);
  };
  const people = peopleNamed(s);
  const roleOf = (person: string): Role =>
    person.toLowerCase() === commander.toLowerCase() ? "commander" : "responder";
  for (const person of people) {
    const words = person.split(/\s+/);
    // "dana whitfield" is still written "Dana" in a sentence.
    if (!person.includes("@") && words.length >= 2)
      add(words[0].charAt(0).toUpperCase() + words[0].slice(1), roleOf(person));
  }
  // Surnames alone ("Whitfield paged the database team"), by the same rules; after every first
  // name, so a surname that is someone's first name keeps that person's role only if they agree.
  for (const person of people) {
    const words = person.split(/\s+/);
    const last = words[words.length - 1] ?? "";
    if (!person.includes("@") && words.length >= 2)
      add(last.charAt(0).toUpperCase() + last.slice(1), roleOf(person));
  }
  // Addresses only add names no display name gave (dana@… is usually Dana Whitfield herself).
  const fromNames = new Set(roles.keys());
  for (const person of people) {
    if (!person.includes("@")) continue;
    const local = person.split("@")[0].split(/[._+-]/)[0] ?? "";
    const first = capitalise(local);
    if (fromNames.has(first)) continue;
    if (/^\p{L}{3,}$/u.test(local) && !MAILBOX_WORDS.has(local.toLowerCase()))
      add(first, "responder");
  }
  return roles;
}

// Before and after a name: not part of a longer word, address, path or identifier.
const BEFORE = "(?<![\\p{L}\\p{N}_@./\\\\#-])";
const AFTER = "(?![\\p{L}\\p{N}_@])(?![-.][\\p{L}\\p{N}])(?!['’](?!s(?![\\p{L}]))\\p{L})";

// What may stand between a sentence's start and its first word: list and quote markers,
// heading hashes, emphasis.
const OPENERS = '[ \\t]*(?:(?:[-*+>]|\\d{1,9}[.)]|#{1,6})[ \\t]+)*[*_"“‘(]{0,3}';
const TEXT_START = new RegExp(`^${OPENERS}$`);
const LINE_OR_SENTENCE_START = new RegExp(`(?:\\n${OPENERS}|[.!?…][)"'”’]*\\s+${OPENERS})$`);

/** Whether `index` starts a sentence (or a line, a list item, a heading) of `text`. */
export function atSentenceStart(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 80), index);
  if (index === before.length && TEXT_START.test(before)) return true;
  return LINE_OR_SENTENCE_START.test(before);
}

/** A role replacing a name, capitalised where it starts a sentence ("A responder restarted…"). */
function roleAt(role: string, text: string, index: number) {
  return atSentenceStart(text, index) ? role.charAt(0).toUpperCase() + role.slice(1) : role;
}

interface NamePattern {
  name: string;
  re: RegExp;
  role: string;
  /** An English word as well: kept at a sentence's start. */
  word: boolean;
}

function firstNamePatterns(s: ReportSnapshot): NamePattern[] {
  return [...firstNameRoles(s)]
    .sort(([a], [b]) => b.length - a.length)
    .map(([name, role]) => ({
      name,
      re: new RegExp(`${BEFORE}${escapeRegExp(name)}${AFTER}`, "gu"),
      role: IN_TEXT[role],
      word: WORD_NAMES.has(name),
    }));
}

/**
 * A text scrubber for this snapshot: addresses first, then full names (longest first, "Ann
 * Lee" before "Ann", any case), then first names used alone (firstNameRoles).
 */
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
  const firsts = firstNamePatterns(s);
  return (text: string) => {
    let out = text.replace(EMAIL, EMAIL_REMOVED);
    for (const p of patterns)
      out = out.replace(p.re, (_m, offset: number, whole: string) => roleAt(p.role, whole, offset));
    for (const p of firsts)
      out = out.replace(p.re, (m, offset: number, whole: string) =>
        p.word && atSentenceStart(whole, offset) ? m : roleAt(p.role, whole, offset),
      );
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

/**
 * Names, first names and addresses of `team` that still occur in `text` (a check for tests and
 * the author's preview). First names count as the scrubber replaces them: whole words with
 * their capital, an English-word name only in the middle of a sentence.
 */
export function customerLeaks(team: ReportSnapshot, text: string): string[] {
  const lower = text.toLowerCase();
  const found = peopleNamed(team).filter((n) => lower.includes(n.toLowerCase()));
  const emails = text.match(EMAIL) ?? [];
  const firsts = firstNamePatterns(team)
    .filter((p) => [...text.matchAll(p.re)].some((m) => !p.word || !atSentenceStart(text, m.index)))
    .map((p) => p.name);
  return [...new Set([...found, ...emails, ...firsts])];
}

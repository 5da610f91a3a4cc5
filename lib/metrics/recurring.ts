// Recurring root causes (pure): a root cause of the period that says the same thing as an
// earlier root cause of the period (another incident), by pg_trgm similarity at the team's
// threshold, is that cause coming back. The database answers the period's root causes with
// their trigram sets (lib/metrics/sql.ts dashboardSql); this groups them and checks the
// most valuable fact on the dashboard: the cause came back after its countermeasure was done.
//
// Grouping is "first occurrence" (leader) clustering: root causes are taken oldest first; each
// joins the group of the earliest-started cause it resembles most (at or above the threshold,
// from another incident), else starts a group of its own. Every member resembles the group's
// first statement, which names the group: no chains of A≈B≈C where A and C say different
// things (transitive grouping merged 650–900 different causes into one group at 1k–100k
// incidents). Every root cause of the period is compared (up to RECURRING_CAUSES_MAX), and
// the work follows the number of groups, not the square of the root causes.
import { incidentKey } from "@/lib/incidents/constants";
import { asciiTrigrams, rankTrigrams, TrigramIndex, trigramCode } from "./trigram-sets";

export interface RootCauseRow {
  id: string;
  statement: string;
  /** pg_trgm's trigrams of the statement (`show_trgm`) as codes, maybe repeated (lib/metrics/trigram-sets.ts). */
  trigrams: number[];
  incidentId: string;
  incidentKey: string;
  incidentTitle: string;
  startedAt: Date;
  /** Action items addressing this root cause: done, open (or in progress), first completion. */
  actionsDone: number;
  actionsOpen: number;
  firstDoneAt: Date | null;
}

export interface RecurringCause {
  /** The earliest statement of the group: every other member resembles it. */
  statement: string;
  /** The highest similarity of a member to that statement. */
  similarity: number;
  incidents: {
    incidentId: string;
    incidentKey: string;
    incidentTitle: string;
    startedAt: Date;
    statement: string;
    nodeId: string;
  }[];
  actionsDone: number;
  actionsOpen: number;
  /** An incident of the group started after an earlier incident's countermeasure was completed. */
  cameBackAfterDone: boolean;
  /** The first incident that came back after a countermeasure was done. */
  cameBackIn: string | null;
}

/**
 * A root cause row of dashboardSql, as a tuple: the root cause's id and statement (both null for an
 * incident without a root cause), the database's trigrams (`show_trgm`, or null for an ASCII
 * statement: derived here), the incident's id, number, title and start (epoch ms), the root
 * cause's action items done and open, and its first completion (epoch ms or null).
 */
export type PeriodRootCauseTuple = [
  id: string | null,
  statement: string | null,
  trigrams: string[] | null,
  incidentId: string,
  number: number,
  incidentTitle: string,
  startedAt: number,
  actionsDone: number,
  actionsOpen: number,
  firstDoneAt: number | null,
];

/**
 * The root cause rows of dashboardSql (newest incident first, one row with a null id for an
 * incident without a root cause, at most `max` + 1 incidents) → the root causes of the newest
 * `max` incidents, how many incidents those are, and whether the period had more.
 */
export function periodRootCauses(
  rows: PeriodRootCauseTuple[],
  max: number,
): { causes: RootCauseRow[]; incidents: number; limited: boolean } {
  const incidents = new Set<string>();
  const causes: RootCauseRow[] = [];
  for (const [
    id,
    statement,
    trigrams,
    incidentId,
    number,
    title,
    startedAt,
    done,
    open,
    firstDone,
  ] of rows) {
    if (!incidents.has(incidentId) && incidents.size === max) break;
    incidents.add(incidentId);
    if (id === null || statement === null) continue;
    causes.push({
      id,
      statement,
      trigrams: trigrams === null ? asciiTrigrams(statement) : trigrams.map(trigramCode),
      incidentId,
      incidentKey: incidentKey(number),
      incidentTitle: title,
      startedAt: new Date(startedAt),
      actionsDone: done,
      actionsOpen: open,
      firstDoneAt: firstDone === null ? null : new Date(firstDone),
    });
  }
  return {
    causes,
    incidents: incidents.size,
    limited: incidents.size < new Set(rows.map((r) => r[3])).size,
  };
}

export function groupRecurring(causes: RootCauseRow[], threshold: number): RecurringCause[] {
  const sorted = [...causes].sort(
    (x, y) => x.startedAt.getTime() - y.startedAt.getTime() || x.id.localeCompare(y.id),
  );
  const sets = rankTrigrams(sorted.map((c) => c.trigrams));
  const index = new TrigramIndex(threshold);
  const leaders: number[] = [];
  const groups = new Map<number, { cause: RootCauseRow; similarity: number }[]>();
  sorted.forEach((cause, i) => {
    const match = index.best(sets[i]!, (n) => sorted[leaders[n]!]!.incidentId === cause.incidentId);
    if (match) {
      groups.get(leaders[match.n]!)!.push({ cause, similarity: match.similarity });
    } else {
      leaders[index.add(sets[i]!)] = i;
      groups.set(i, [{ cause, similarity: 0 }]);
    }
  });
  const out: RecurringCause[] = [];
  for (const members of groups.values()) {
    const group = members.map((m) => m.cause);
    if (new Set(group.map((m) => m.incidentId)).size < 2) continue;
    const later = group.find((m) =>
      group.some(
        (earlier) =>
          earlier.incidentId !== m.incidentId &&
          earlier.startedAt < m.startedAt &&
          earlier.firstDoneAt !== null &&
          earlier.firstDoneAt < m.startedAt,
      ),
    );
    out.push({
      statement: group[0]!.statement,
      similarity: Math.max(...members.map((m) => m.similarity)),
      incidents: group.map((m) => ({
        incidentId: m.incidentId,
        incidentKey: m.incidentKey,
        incidentTitle: m.incidentTitle,
        startedAt: m.startedAt,
        statement: m.statement,
        nodeId: m.id,
      })),
      actionsDone: group.reduce((s, m) => s + m.actionsDone, 0),
      actionsOpen: group.reduce((s, m) => s + m.actionsOpen, 0),
      cameBackAfterDone: later !== undefined,
      cameBackIn: later?.incidentKey ?? null,
    });
  }
  // The ones that came back despite a fix first, then the most frequent.
  return out.sort(
    (x, y) =>
      Number(y.cameBackAfterDone) - Number(x.cameBackAfterDone) ||
      y.incidents.length - x.incidents.length ||
      y.similarity - x.similarity,
  );
}

/** What the dashboard shows of its period's recurring causes, and what was compared. */
export interface RecurringResult {
  groups: RecurringCause[];
  compared: { causes: number; incidents: number; limited: boolean };
}

/**
 * The dashboard's recurring causes from the statement's root cause rows as JSON text (parsed
 * here: in the grouping worker, lib/metrics/recurring-worker.ts, the parse leaves the server's
 * main thread too): the 20 most telling groups of the root causes of the newest `max` incidents.
 */
export function recurringFromJson(
  rowsJson: string,
  max: number,
  threshold: number,
): RecurringResult {
  const { causes, incidents, limited } = periodRootCauses(
    JSON.parse(rowsJson) as PeriodRootCauseTuple[],
    max,
  );
  return {
    groups: groupRecurring(causes, threshold).slice(0, 20),
    compared: { causes: causes.length, incidents, limited },
  };
}

/** How many of a recurring cause's incidents the dashboard lists (the CSV has every one). */
export const RECURRING_INCIDENTS_SHOWN = 10;

/**
 * The incidents of a group the dashboard lists: where the cause was first seen, then the most
 * recent ones, at most `max` in all, oldest first, and how many between them are not listed.
 * A cause that came back hundreds of times in a year is told by its count, its first time and
 * its latest times; listing every one made the page grow with the period's incidents (1,622
 * links in one group at 100,000 incidents).
 */
export function shownIncidents<T>(
  incidents: readonly T[],
  max = RECURRING_INCIDENTS_SHOWN,
): { first: T[]; latest: T[]; omitted: number } {
  if (incidents.length <= max) return { first: [...incidents], latest: [], omitted: 0 };
  const latest = Math.max(0, max - 1);
  return {
    first: incidents.slice(0, 1),
    latest: latest ? incidents.slice(-latest) : [],
    omitted: incidents.length - 1 - latest,
  };
}

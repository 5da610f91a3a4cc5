// Recurring root causes (pure): root-cause statements of different incidents whose trigram
// similarity is above the team's threshold are one cause that came back. The database finds
// the similar pairs (pg_trgm, lib/metrics/data.ts); this groups them and checks the most
// valuable fact on the dashboard: the cause came back after its countermeasure was done.

export interface RootCauseRow {
  id: string;
  statement: string;
  incidentId: string;
  incidentKey: string;
  incidentTitle: string;
  startedAt: Date;
  /** Action items addressing this root cause. */
  actions: { status: string; completedAt: Date | null }[];
}

export interface SimilarPair {
  a: string;
  b: string;
  similarity: number;
}

export interface RecurringCause {
  /** The earliest statement of the group. */
  statement: string;
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

const OPEN = new Set(["OPEN", "IN_PROGRESS"]);

export function groupRecurring(causes: RootCauseRow[], pairs: SimilarPair[]): RecurringCause[] {
  const byId = new Map(causes.map((c) => [c.id, c]));
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const best = new Map<string, number>();
  for (const p of pairs) {
    if (!byId.has(p.a) || !byId.has(p.b)) continue;
    if (byId.get(p.a)!.incidentId === byId.get(p.b)!.incidentId) continue;
    for (const id of [p.a, p.b]) if (!parent.has(id)) parent.set(id, id);
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra !== rb) parent.set(ra, rb);
    best.set(p.a, Math.max(best.get(p.a) ?? 0, p.similarity));
    best.set(p.b, Math.max(best.get(p.b) ?? 0, p.similarity));
  }
  const groups = new Map<string, RootCauseRow[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), byId.get(id)!]);
  }
  const out: RecurringCause[] = [];
  for (const members of groups.values()) {
    const sorted = [...members].sort(
      (x, y) => x.startedAt.getTime() - y.startedAt.getTime() || x.id.localeCompare(y.id),
    );
    if (new Set(sorted.map((m) => m.incidentId)).size < 2) continue;
    let cameBackIn: string | null = null;
    for (const later of sorted) {
      const fixedBefore = sorted.some(
        (earlier) =>
          earlier.incidentId !== later.incidentId &&
          earlier.startedAt < later.startedAt &&
          earlier.actions.some(
            (a) => a.status === "DONE" && a.completedAt !== null && a.completedAt < later.startedAt,
          ),
      );
      if (fixedBefore) {
        cameBackIn = later.incidentKey;
        break;
      }
    }
    const actions = sorted.flatMap((m) => m.actions);
    out.push({
      statement: sorted[0]!.statement,
      similarity: Math.max(...sorted.map((m) => best.get(m.id) ?? 0)),
      incidents: sorted.map((m) => ({
        incidentId: m.incidentId,
        incidentKey: m.incidentKey,
        incidentTitle: m.incidentTitle,
        startedAt: m.startedAt,
        statement: m.statement,
        nodeId: m.id,
      })),
      actionsDone: actions.filter((a) => a.status === "DONE").length,
      actionsOpen: actions.filter((a) => OPEN.has(a.status)).length,
      cameBackAfterDone: cameBackIn !== null,
      cameBackIn,
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

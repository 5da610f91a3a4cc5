// Guidance for a 5 Whys session: gentle hints beside nodes and a summary line for the tree.
// Pure (no I/O), so the browser runs it as people type and the server/report reuse it.
// Hints never block a save. To add a check, append a rule object to `nodeRules` or `treeRules`.
import { branches, type TreeOf, type WhyNodeData, type WhyTreeNode } from "./tree";

export type HintKind = "blame" | "vague" | "shallow" | "deep" | "duplicate";

export interface Hint {
  rule: HintKind;
  message: string;
  /** A constructive next step (e.g. a systemic reframing). */
  suggestion?: string;
}

export interface StatementContext {
  /** Team members' names: a statement with a person as its subject is blame, not a cause. */
  memberNames?: string[];
}

/** A check on one statement, run as the facilitator types. */
export interface StatementRule {
  id: HintKind;
  check(statement: string, ctx: StatementContext): Hint | null;
}

export interface TreeContext extends StatementContext {
  roots: WhyTreeNode[];
  /** node id → depth (1 = first why), precomputed once per analysis. */
  depth: Map<string, number>;
  /** node id → the ids on its path from the top (inclusive). */
  ancestors: Map<string, Set<string>>;
}

/** A check that looks at the whole tree and returns hints keyed by node id. */
export interface TreeRule {
  id: HintKind;
  check(ctx: TreeContext): Map<string, Hint>;
}

const BLAME_PATTERNS: { pattern: RegExp; phrase: string }[] = [
  { pattern: /\bhuman error\b/i, phrase: "human error" },
  { pattern: /\bcareless(ly|ness)?\b/i, phrase: "careless" },
  { pattern: /\bshould(n'?t| not)? have\b/i, phrase: "should have" },
  { pattern: /\bforg(o|e)t(ten)?\b/i, phrase: "forgot" },
  { pattern: /\bdid(n'?t| not) pay attention\b/i, phrase: "didn't pay attention" },
  {
    pattern: /\b(negligen(t|ce)|sloppy|lazy|incompeten(t|ce))\b/i,
    phrase: "judgement of a person",
  },
  { pattern: /\b(his|her|their) (fault|mistake)\b/i, phrase: "someone's fault" },
];

const REFRAME =
  "Ask what made this easy to get wrong: a missing check, an unclear runbook, a risky default, a tool that allowed it?";

const VAGUE_PATTERNS = [
  /\bsomehow\b/i,
  /\bfor some reason\b/i,
  /^(it|things?|stuff|something)\s+(broke|failed|went wrong|happened)\b/i,
  /^(unknown|n\/?a|tbd|idk|\?+|bug|issue|problem|error|mistake)\.?$/i,
  /^(bad|wrong|broken)\s+\w+\.?$/i,
];

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean);

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A member's full name or first name opening the statement ("Alice restarted …", "Because Bob …"). */
function personAsSubject(statement: string, memberNames: string[]): string | null {
  const opening = statement.trim().replace(/^(because|since|as|when)\s+/i, "");
  for (const full of memberNames) {
    const name = full.trim();
    if (name.length < 2) continue;
    const candidates = [name, name.split(/\s+/)[0]].filter(
      (c, i, all) => c.length >= 2 && all.indexOf(c) === i,
    );
    for (const c of candidates) {
      if (new RegExp(`^${escapeRegExp(c)}(?:'s)?\\b`, "i").test(opening)) return c;
    }
  }
  return null;
}

export const statementRules: StatementRule[] = [
  {
    id: "blame",
    check(statement, ctx) {
      const person = personAsSubject(statement, ctx.memberNames ?? []);
      if (person) {
        return {
          rule: "blame",
          message: `This names a person (${person}) as the cause.`,
          suggestion: `Describe what the system let happen instead. ${REFRAME}`,
        };
      }
      const found = BLAME_PATTERNS.find((b) => b.pattern.test(statement));
      if (!found) return null;
      return {
        rule: "blame",
        message: `"${found.phrase}" points at a person, not a cause.`,
        suggestion: REFRAME,
      };
    },
  },
  {
    id: "vague",
    check(statement) {
      const text = statement.trim();
      if (!text) return null;
      if (text.length < 12 || words(text).length < 3) {
        return {
          rule: "vague",
          message: "Very short: say what happened and to what.",
          suggestion: 'For example: "The deploy job skipped the migration check".',
        };
      }
      if (VAGUE_PATTERNS.some((p) => p.test(text))) {
        return {
          rule: "vague",
          message: "Vague: a cause should be specific enough to act on.",
          suggestion: "Name the component, the condition and what it led to.",
        };
      }
      return null;
    },
  },
];

/** Hints for one statement alone (the ones that can show while typing). */
export function checkStatement(statement: string, ctx: StatementContext = {}): Hint[] {
  return statementRules.map((r) => r.check(statement, ctx)).filter((h): h is Hint => h !== null);
}

export const SHALLOW_DEPTH = 3;
export const DEEP_DEPTH = 7;
export const DUPLICATE_SIMILARITY = 0.8;

const STOPWORDS = new Set([
  "a",
  "an",
  "the",
  "of",
  "to",
  "in",
  "on",
  "for",
  "and",
  "or",
  "was",
  "were",
  "is",
  "are",
  "be",
  "been",
  "it",
  "its",
  "by",
  "with",
  "at",
  "that",
  "this",
  "not",
  "no",
]);

/** Lower-case word tokens without punctuation or filler words. */
export function tokens(statement: string): Set<string> {
  return new Set(
    statement
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^\p{L}\p{N}\s]/gu, " ")
      .split(/\s+/)
      .filter((t) => t && !STOPWORDS.has(t)),
  );
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export const treeRules: TreeRule[] = [
  {
    id: "shallow",
    check(ctx) {
      const out = new Map<string, Hint>();
      for (const path of branches(ctx.roots)) {
        const leaf = path[path.length - 1];
        if (path.length < SHALLOW_DEPTH && !path.some((n) => n.isRootCause)) {
          out.set(leaf.id, {
            rule: "shallow",
            message: `This branch stops after ${path.length === 1 ? "one why" : `${path.length} whys`} without a root cause.`,
            suggestion: 'Ask "Why?" again, or mark this as a root cause if it is one.',
          });
        }
      }
      return out;
    },
  },
  {
    id: "deep",
    check(ctx) {
      const out = new Map<string, Hint>();
      for (const [id, depth] of ctx.depth) {
        if (depth === DEEP_DEPTH + 1) {
          out.set(id, {
            rule: "deep",
            message: `This branch is deeper than ${DEEP_DEPTH} whys: it may be going in circles.`,
            suggestion:
              "Check whether an earlier answer already explains this, and mark the root cause there.",
          });
        }
      }
      return out;
    },
  },
  {
    id: "duplicate",
    check(ctx) {
      const out = new Map<string, Hint>();
      const all: { node: WhyTreeNode; tokens: Set<string> }[] = [];
      const stack = [...ctx.roots];
      while (stack.length) {
        const node = stack.pop()!;
        const t = tokens(node.statement);
        if (t.size >= 2) all.push({ node, tokens: t });
        stack.push(...node.children);
      }
      // Sorting by size lets the inner loop stop once sizes differ too much for the threshold.
      all.sort((a, b) => a.tokens.size - b.tokens.size);
      for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) {
          if (all[i].tokens.size / all[j].tokens.size < DUPLICATE_SIMILARITY) break;
          const a = all[i].node;
          const b = all[j].node;
          // Same branch (one explains the other) is a chain, not a duplicate.
          if (ctx.ancestors.get(a.id)?.has(b.id) || ctx.ancestors.get(b.id)?.has(a.id)) continue;
          if (jaccard(all[i].tokens, all[j].tokens) < DUPLICATE_SIMILARITY) continue;
          for (const [here, other] of [
            [a, b],
            [b, a],
          ] as const) {
            if (!out.has(here.id)) {
              out.set(here.id, {
                rule: "duplicate",
                message: `Nearly the same as "${truncate(other.statement, 80)}" in another branch.`,
                suggestion:
                  "Merge the branches (move one under the other) or keep one and cite the other as evidence.",
              });
            }
          }
        }
      }
      return out;
    },
  },
];

function truncate(s: string, n: number) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export interface TreeAnalysis {
  /** node id → hints for that node (statement and tree rules). */
  hints: Map<string, Hint[]>;
  summary: TreeSummary;
}

/** Runs every rule over the tree. O(n) plus the duplicate check's pruned pair scan. */
export function analyzeTree(
  roots: WhyTreeNode[],
  ctx: StatementContext & { countermeasures?: Record<string, number> } = {},
): TreeAnalysis {
  const depth = new Map<string, number>();
  const ancestors = new Map<string, Set<string>>();
  const walk = (list: WhyTreeNode[], d: number, above: Set<string>) => {
    for (const n of list) {
      depth.set(n.id, d);
      const mine = new Set(above).add(n.id);
      ancestors.set(n.id, mine);
      walk(n.children, d + 1, mine);
    }
  };
  walk(roots, 1, new Set());

  const hints = new Map<string, Hint[]>();
  const add = (id: string, h: Hint) => {
    const list = hints.get(id) ?? [];
    list.push(h);
    hints.set(id, list);
  };
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    for (const h of checkStatement(n.statement, ctx)) add(n.id, h);
    stack.push(...n.children);
  }
  const treeCtx: TreeContext = { ...ctx, roots, depth, ancestors };
  for (const rule of treeRules) for (const [id, h] of rule.check(treeCtx)) add(id, h);
  return { hints, summary: summarize(roots, ctx.countermeasures) };
}

export interface TreeSummary {
  branches: number;
  branchesWithRootCause: number;
  rootCauses: number;
  /** Null when countermeasure counts were not given. */
  rootCausesWithoutCountermeasure: number | null;
}

/**
 * Counts for the summary line. `countermeasures` maps a node id to the number of action items
 * whose whyNodeId is that node (missing ids count as zero).
 */
export function summarize<T extends WhyNodeData>(
  roots: TreeOf<T>[],
  countermeasures?: Record<string, number>,
): TreeSummary {
  const paths = branches(roots);
  let rootCauses = 0;
  let uncovered = 0;
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.isRootCause) {
      rootCauses += 1;
      if (countermeasures && !(countermeasures[n.id] > 0)) uncovered += 1;
    }
    stack.push(...n.children);
  }
  return {
    branches: paths.length,
    branchesWithRootCause: paths.filter((p) => p.some((n) => n.isRootCause)).length,
    rootCauses,
    rootCausesWithoutCountermeasure: countermeasures ? uncovered : null,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 branches, 2 reach a root cause · 2 root causes, 1 without a countermeasure". */
export function formatSummary(s: TreeSummary): string {
  const parts = [
    `${plural(s.branches, "branch", "branches")}, ${s.branchesWithRootCause} ${s.branchesWithRootCause === 1 ? "reaches" : "reach"} a root cause`,
  ];
  let causes = plural(s.rootCauses, "root cause");
  if (s.rootCausesWithoutCountermeasure !== null && s.rootCauses > 0)
    causes += `, ${s.rootCausesWithoutCountermeasure} without a countermeasure`;
  parts.push(causes);
  return parts.join(" · ");
}

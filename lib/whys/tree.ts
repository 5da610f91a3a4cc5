// Pure 5 Whys tree shapes and helpers (no I/O). Shared by the editor, the read-only diagram,
// the report snapshot, the quality checks and the server-side rules for mutations.
import { categoryLabel, ROOT_CAUSE_CATEGORY_LABELS } from "@/lib/labels";

export type RootCauseCategory =
  | "PROCESS"
  | "TOOLING"
  | "MONITORING"
  | "TESTING"
  | "CHANGE_MANAGEMENT"
  | "CAPACITY"
  | "DEPENDENCY"
  | "COMMUNICATION"
  | "KNOWLEDGE"
  | "OTHER";

/** In the order the category pickers offer them; labels in lib/labels.ts. */
export const ROOT_CAUSE_CATEGORIES = Object.keys(ROOT_CAUSE_CATEGORY_LABELS) as RootCauseCategory[];
export { categoryLabel, ROOT_CAUSE_CATEGORY_LABELS };

/** Bounds shared by the browser and the server. */
export const STATEMENT_MAX = 500;
export const PROBLEM_MAX = 1000;
export const MAX_NODES_PER_INCIDENT = 1000;

/** One node as stored (flat). */
export interface WhyNodeData {
  id: string;
  parentId: string | null;
  statement: string;
  position: number;
  isRootCause: boolean;
  category: RootCauseCategory | null;
}

/** A node with its ordered children. Serializable (safe to pass to client components and to snapshot). */
export interface WhyTreeNode extends WhyNodeData {
  children: WhyTreeNode[];
}

/** buildTree keeps any extra fields of its input (version, evidence …) on every node. */
export type TreeOf<T extends WhyNodeData> = T & { children: TreeOf<T>[] };

/** Builds the forest (top-level causes under the problem statement) ordered by position, then id. */
export function buildTree<T extends WhyNodeData>(nodes: T[]): TreeOf<T>[] {
  const byId = new Map<string, TreeOf<T>>();
  for (const n of nodes) byId.set(n.id, { ...n, children: [] });
  const roots: TreeOf<T>[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const order = (list: TreeOf<T>[]) => {
    list.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
    for (const n of list) order(n.children);
  };
  order(roots);
  return roots;
}

type Flat = Pick<WhyNodeData, "id" | "parentId">;

/** id → node, for O(1) parent walks. */
export function indexById<T extends Flat>(nodes: T[]): Map<string, T> {
  return new Map(nodes.map((n) => [n.id, n]));
}

/** The nodes from the top-level cause down to `id` (inclusive); empty when unknown. */
export function pathTo<T extends Flat>(nodes: T[] | Map<string, T>, id: string): T[] {
  const byId = nodes instanceof Map ? nodes : indexById(nodes);
  const path: T[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}

/** 1 for a top-level cause (the first "why"), 2 for its causes, and so on. */
export function depthOf<T extends Flat>(nodes: T[] | Map<string, T>, id: string): number {
  return pathTo(nodes, id).length;
}

/** Every id in the subtree under `id`, including `id` itself. */
export function subtreeIds<T extends Flat>(nodes: T[], id: string): Set<string> {
  const children = new Map<string | null, string[]>();
  for (const n of nodes) {
    const list = children.get(n.parentId) ?? [];
    list.push(n.id);
    children.set(n.parentId, list);
  }
  const result = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const next = stack.pop()!;
    if (result.has(next)) continue;
    result.add(next);
    stack.push(...(children.get(next) ?? []));
  }
  return result;
}

export type MoveCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether `nodeId` may move under `newParentId` (null: to the top, directly under the problem).
 * Refuses unknown nodes and cycles (a node under itself or one of its own descendants).
 */
export function checkMove<T extends Flat>(
  nodes: T[],
  nodeId: string,
  newParentId: string | null,
): MoveCheck {
  const byId = indexById(nodes);
  if (!byId.has(nodeId)) return { ok: false, reason: "That cause no longer exists." };
  if (newParentId === null) return { ok: true };
  if (!byId.has(newParentId))
    return { ok: false, reason: "The new parent is not part of this incident's 5 Whys tree." };
  if (subtreeIds(nodes, nodeId).has(newParentId)) {
    return {
      ok: false,
      reason: "A cause cannot move under itself or under one of its own causes.",
    };
  }
  return { ok: true };
}

/** Valid targets for "Move to…": everything outside the node's subtree, except its current parent. */
export function moveTargets<T extends Flat>(nodes: T[], nodeId: string): T[] {
  const blocked = subtreeIds(nodes, nodeId);
  const current = nodes.find((n) => n.id === nodeId)?.parentId ?? null;
  return nodes.filter((n) => !blocked.has(n.id) && n.id !== current);
}

/**
 * The sibling order after moving `nodeId` one step up or down: a list of ids, or null when it
 * is already at that end.
 */
export function reorderSiblings(
  siblingIds: string[],
  nodeId: string,
  direction: "up" | "down",
): string[] | null {
  const index = siblingIds.indexOf(nodeId);
  if (index < 0) return null;
  const target = direction === "up" ? index - 1 : index + 1;
  if (target < 0 || target >= siblingIds.length) return null;
  const next = [...siblingIds];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

/** Every root-to-leaf path: one per branch of the tree. */
export function branches<T extends WhyNodeData>(roots: TreeOf<T>[]): TreeOf<T>[][] {
  const result: TreeOf<T>[][] = [];
  const walk = (node: TreeOf<T>, path: TreeOf<T>[]) => {
    const here = [...path, node];
    if (node.children.length === 0) result.push(here);
    else for (const child of node.children) walk(child, here);
  };
  for (const r of roots) walk(r, []);
  return result;
}

export interface VisibleRow<T extends WhyNodeData> {
  node: TreeOf<T>;
  level: number;
  parentId: string | null;
  setSize: number;
  posInSet: number;
}

/** The rows a tree view shows (depth-first), skipping children of collapsed nodes. */
export function visibleRows<T extends WhyNodeData>(
  roots: TreeOf<T>[],
  collapsed: ReadonlySet<string>,
): VisibleRow<T>[] {
  const rows: VisibleRow<T>[] = [];
  const walk = (list: TreeOf<T>[], level: number, parentId: string | null) => {
    list.forEach((node, i) => {
      rows.push({ node, level, parentId, setSize: list.length, posInSet: i + 1 });
      if (node.children.length && !collapsed.has(node.id)) walk(node.children, level + 1, node.id);
    });
  };
  walk(roots, 1, null);
  return rows;
}

/** Counts every node in a forest. */
export function countNodes(roots: { children: unknown[] }[]): number {
  let n = 0;
  const stack = [...roots] as { children: unknown[] }[];
  while (stack.length) {
    const node = stack.pop()!;
    n += 1;
    stack.push(...(node.children as { children: unknown[] }[]));
  }
  return n;
}

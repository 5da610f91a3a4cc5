// Pure 5 Whys tree shapes and helpers (no I/O). Shared by the editor, the read-only diagram,
// the report snapshot and the quality checks.

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

/** Builds the forest (top-level causes under the problem statement) ordered by position, then id. */
export function buildTree(nodes: WhyNodeData[]): WhyTreeNode[] {
  const byId = new Map<string, WhyTreeNode>();
  for (const n of nodes) byId.set(n.id, { ...n, children: [] });
  const roots: WhyTreeNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const order = (list: WhyTreeNode[]) => {
    list.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
    for (const n of list) order(n.children);
  };
  order(roots);
  return roots;
}

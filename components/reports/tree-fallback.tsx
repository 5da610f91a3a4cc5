import type { WhyTreeNode } from "@/lib/whys/tree";

/** The 5 Whys tree as nested lists: legible on paper and to screen readers. */
export function TreeFallback({ problem, tree }: { problem: string | null; tree: WhyTreeNode[] }) {
  return (
    <div className="report-tree text-sm">
      <p className="font-medium">Problem: {problem?.trim() || "No problem statement recorded."}</p>
      {tree.length ? <TreeList nodes={tree} /> : <p className="mt-1 text-slate-600">No causes recorded.</p>}
    </div>
  );
}

function TreeList({ nodes }: { nodes: WhyTreeNode[] }) {
  return (
    <ul className="mt-1 space-y-1 border-l-2 border-slate-300 pl-4">
      {nodes.map((n) => (
        <li key={n.id}>
          <span className={n.isRootCause ? "font-semibold" : undefined}>Why: {n.statement}</span>
          {n.isRootCause && (
            <span className="ml-2 rounded border border-amber-700 px-1 text-xs font-medium text-amber-900">
              Root cause{n.category ? ` · ${n.category.toLowerCase().replace(/_/g, " ")}` : ""}
            </span>
          )}
          {n.children.length > 0 && <TreeList nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

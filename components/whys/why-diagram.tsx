// Read-only diagram of a 5 Whys tree. No hooks and no client APIs: it renders on the server
// (report, stakeholder view, snapshot) and inside client components alike. Nested lists with
// CSS connector lines wrap instead of overflowing, so the same markup fits a phone and A4.
import { actionStatusLabel as statusLabel, categoryLabel } from "@/lib/labels";
import type { WhyTreeNode } from "@/lib/whys/tree";

type Countermeasure = { title: string; status: string };

// Elbow connector from the parent's line into each child; the vertical line stops at the last child.
const item =
  "relative pl-6 pb-2 break-inside-avoid " +
  "before:absolute before:left-0 before:top-0 before:h-5 before:w-5 before:border-b-2 before:border-l-2 before:border-slate-400 before:rounded-bl " +
  "after:absolute after:left-0 after:top-5 after:bottom-0 after:border-l-2 after:border-slate-400 last:after:hidden";

function DiagramNode({
  node,
  depth,
  actions,
}: {
  node: WhyTreeNode;
  depth: number;
  actions?: Record<string, Countermeasure[]>;
}) {
  const countermeasures = node.isRootCause ? actions?.[node.id] : undefined;
  return (
    <li className={item}>
      <div
        className={`rounded-md border px-3 py-2 text-sm shadow-sm [print-color-adjust:exact] ${
          node.isRootCause ? "border-amber-600 border-l-4 bg-amber-50" : "border-slate-300 bg-white"
        }`}
      >
        <p className="text-xs font-medium text-slate-600">Why {depth}</p>
        <p className="whitespace-pre-wrap break-words text-slate-900">{node.statement}</p>
        {node.isRootCause && (
          <p className="mt-1 text-xs font-semibold text-amber-900">
            <span aria-hidden="true">◆ </span>Root cause · {categoryLabel(node.category)}
          </p>
        )}
        {node.isRootCause && actions && (
          <div className="mt-1 text-xs text-slate-700">
            {countermeasures?.length ? (
              <ul aria-label="Countermeasures" className="list-disc pl-4">
                {countermeasures.map((a, i) => (
                  <li key={i} className="break-words">
                    {a.title} <span className="text-slate-600">({statusLabel(a.status)})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="italic text-slate-600">No countermeasure yet</p>
            )}
          </div>
        )}
      </div>
      {node.children.length > 0 && (
        <ul className="mt-2 ml-3">
          {node.children.map((child) => (
            <DiagramNode key={child.id} node={child} depth={depth + 1} actions={actions} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function WhyDiagram({
  problem,
  roots,
  rootCauseActions,
  label = "5 Whys diagram",
}: {
  problem: string;
  roots: WhyTreeNode[];
  rootCauseActions?: Record<string, Countermeasure[]>;
  /** Its accessible name; "5 Whys as a list" where it accompanies the drawn diagram. */
  label?: string;
}) {
  return (
    <figure className="why-diagram text-slate-900" aria-label={label}>
      <div className="rounded-md border-2 border-slate-800 bg-slate-100 px-3 py-2 [print-color-adjust:exact]">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-700">Problem</p>
        <p className="whitespace-pre-wrap break-words font-medium">{problem}</p>
      </div>
      {roots.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No causes have been recorded yet.</p>
      ) : (
        <ul className="mt-2 ml-3">
          {roots.map((r) => (
            <DiagramNode key={r.id} node={r} depth={1} actions={rootCauseActions} />
          ))}
        </ul>
      )}
    </figure>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { requireIncidentPage } from "@/lib/incidents/access";
import { getRootCauseActions, getWhyTree } from "@/lib/whys/data";
import { formatSummary, summarize } from "@/lib/whys/quality";
import { DiagramFigure } from "@/components/whys/diagram-figure";
import { WhyDiagram } from "@/components/whys/why-diagram";

export const metadata: Metadata = { title: "5 Whys diagram" };

/**
 * Server-rendered, print-friendly diagram of the tree (no client code). It prints as one
 * landscape sheet: the incident's heading, the summary and the diagram scaled to the space left;
 * the list (the text alternative) stays on screen only.
 */
const PRINT_CSS = `@page { size: A4 landscape; margin: 10mm; }
@media print { .why-diagram-figure svg { max-height: 115mm; } }`;

export default async function WhysDiagramPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx, incident } = await requireIncidentPage(id);
  const [tree, actions] = await Promise.all([
    getWhyTree(ctx.scope, incident.id),
    getRootCauseActions(ctx.scope, incident.id),
  ]);
  const counts = Object.fromEntries(
    Object.entries(actions).map(([nodeId, list]) => [nodeId, list.length]),
  );
  return (
    <div className="space-y-4">
      <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-xl font-semibold text-slate-900">5 Whys diagram</h2>
        <Link
          href={`/incidents/${incident.id}/whys`}
          className="no-print text-sm font-medium text-blue-800 underline"
        >
          Back to the editor
        </Link>
      </div>
      <p className="text-sm text-slate-700">{formatSummary(summarize(tree.roots, counts))}</p>
      <DiagramFigure
        problem={tree.problem}
        roots={tree.roots}
        idPrefix="why-diagram"
        print="inline"
      />
      <details className="no-print">
        <summary className="cursor-pointer text-sm font-medium text-slate-800">
          The 5 Whys as a list, with countermeasures
        </summary>
        <WhyDiagram
          problem={tree.problem}
          roots={tree.roots}
          rootCauseActions={actions}
          label="5 Whys as a list"
        />
      </details>
    </div>
  );
}

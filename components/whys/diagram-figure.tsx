// The cause diagram as static HTML (no hooks, no JavaScript): the published report, the shared
// link, the portal and the printable diagram page. The SVG fits the width (never wider than its
// natural size, never so narrow that it becomes unreadable: then its box scrolls sideways), and
// "Open at full size" is a plain #fragment link whose :target rule lifts the width limit. In
// the printed report a tree wider than a portrait page is drawn once more at the end, on a
// landscape page of its own (DiagramAppendix, app/globals.css): in the middle of the report
// that page break would leave the page before it mostly empty.
import type { CSSProperties } from "react";
import { layoutWhyDiagram } from "@/lib/whys/diagram-layout";
import type { WhyTreeNode } from "@/lib/whys/tree";
import { CauseDiagramSvg } from "./cause-diagram-svg";
import { WhyDiagram } from "./why-diagram";

/** Wider than this (px at 100%) and the diagram would shrink below ~80% on a portrait A4 page. */
const PORTRAIT_WIDTH = 760;
const isWide = (width: number) => width > PORTRAIT_WIDTH;
/** Narrowest drawing on screen before its box scrolls instead (phones). */
const MIN_SCREEN_WIDTH = 640;

export function DiagramFigure({
  problem,
  roots,
  idPrefix,
  print = "appendix",
}: {
  problem: string;
  roots: WhyTreeNode[];
  /** Unique on the page. */
  idPrefix: string;
  /**
   * "inline": printed here, fitted (the printable diagram page, itself landscape). "appendix":
   * a wide tree prints on the report's last page instead (the caller renders DiagramAppendix).
   */
  print?: "inline" | "appendix";
}) {
  const layout = layoutWhyDiagram(problem, roots);
  const elsewhere = print === "appendix" && isWide(layout.width);
  const full = `${idPrefix}-full`;
  return (
    <figure
      id={idPrefix}
      className="why-diagram-figure space-y-1 break-inside-avoid"
      data-print={elsewhere ? "appendix" : "inline"}
    >
      {elsewhere && (
        <p className="hidden text-sm text-slate-700 italic print:block">
          The diagram is printed on the last page, in landscape.
        </p>
      )}
      <div
        id={full}
        tabIndex={0}
        role="region"
        aria-label="5 Whys diagram (scrolls sideways when narrow)"
        className={`overflow-x-auto rounded-md border border-slate-200 bg-white [&:target>svg]:max-w-none print:overflow-visible print:border-0${elsewhere ? " print:hidden" : ""}`}
      >
        <CauseDiagramSvg
          problem={problem}
          layout={layout}
          idPrefix={idPrefix}
          className="block h-auto max-w-full min-w-(--diagram-min) print:mx-auto print:max-h-[150mm] print:min-w-0"
          style={
            { "--diagram-min": `${Math.min(layout.width, MIN_SCREEN_WIDTH)}px` } as CSSProperties
          }
        />
      </div>
      <figcaption className="no-print flex flex-wrap gap-x-4 text-xs text-slate-700">
        <span>
          The problem is on the left; each column to the right answers “why?” for the one before.
        </span>
        <a href={`#${full}`} className="font-medium text-blue-800 underline">
          Open at full size
        </a>
        <a href={`#${idPrefix}`} className="font-medium text-blue-800 underline">
          Fit to width
        </a>
      </figcaption>
    </figure>
  );
}

/**
 * The printed report's landscape last page for a wide tree; nothing on screen (display: none
 * keeps it out of the accessibility tree too: the figure in the 5 Whys section is the one read).
 */
export function DiagramAppendix({
  problem,
  roots,
  idPrefix = "report-diagram-print",
}: {
  problem: string;
  roots: WhyTreeNode[];
  idPrefix?: string;
}) {
  const layout = layoutWhyDiagram(problem, roots);
  if (!isWide(layout.width)) return null;
  return (
    <section className="why-diagram-landscape hidden space-y-2 print:block" data-print="landscape">
      <h2 className="text-xl font-semibold">5 Whys diagram</h2>
      <CauseDiagramSvg
        problem={problem}
        layout={layout}
        idPrefix={idPrefix}
        className="block h-auto max-h-[155mm] w-full"
      />
    </section>
  );
}

/**
 * The 5 Whys tree in the report: the diagram with the list (and countermeasures) behind a
 * toggle, or, for a version published before the diagram (`diagram` false), the list it was
 * published with, unchanged.
 */
export function ReportWhysDrawing({
  problem,
  roots,
  diagram,
  actions,
}: {
  problem: string;
  roots: WhyTreeNode[];
  diagram: boolean;
  actions: Record<string, { title: string; status: string }[]>;
}) {
  if (!diagram) return <WhyDiagram problem={problem} roots={roots} rootCauseActions={actions} />;
  return (
    <>
      <DiagramFigure problem={problem} roots={roots} idPrefix="report-diagram" />
      <details className="no-print">
        <summary className="cursor-pointer text-sm font-medium text-slate-800">
          The 5 Whys as a list, with countermeasures
        </summary>
        <WhyDiagram
          problem={problem}
          roots={roots}
          rootCauseActions={actions}
          label="5 Whys as a list"
        />
      </details>
    </>
  );
}

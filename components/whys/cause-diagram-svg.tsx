// The 5 Whys tree drawn as an SVG: boxes and elbow connectors, the problem on the left, root
// causes marked with their category. A pure component (no hooks, no client APIs), so the same
// element renders in the editor, on the server into the published report's stored HTML
// (lib/html/static-markup.ts) and into the SVG/PNG downloads. Every style is inline and every
// attribute is spelled as SVG spells it (lengths in style strings), so the markup stands alone
// and React's and our static renderer's output are the same bytes. Text is children, never
// markup: React and static-markup escape it (lib/html/escape.ts).
import type { CSSProperties } from "react";
import {
  DIAGRAM,
  lineOffsets,
  type DiagramLayout,
  type DiagramLine,
  type DiagramNodeKind,
} from "@/lib/whys/diagram-layout";

const BOX: Record<DiagramNodeKind, { fill: string; stroke: string; strokeWidth: string }> = {
  problem: { fill: "#f1f5f9", stroke: "#1e293b", strokeWidth: "2" },
  cause: { fill: "#ffffff", stroke: "#64748b", strokeWidth: "1" },
  root: { fill: "#fffbeb", stroke: "#b45309", strokeWidth: "2" },
};

const TEXT: Record<DiagramLine["style"], { fill: string; fontSize: string; fontWeight?: string }> =
  {
    caption: { fill: "#475569", fontSize: `${DIAGRAM.labelSize}px`, fontWeight: "700" },
    "root-label": { fill: "#78350f", fontSize: `${DIAGRAM.labelSize}px`, fontWeight: "700" },
    text: { fill: "#0f172a", fontSize: `${DIAGRAM.fontSize}px` },
    problem: { fill: "#0f172a", fontSize: `${DIAGRAM.fontSize}px`, fontWeight: "700" },
  };

/** A one-sentence description of the diagram for assistive technology. */
export function diagramDescription(problem: string, layout: DiagramLayout): string {
  const causes = layout.causes === 1 ? "1 cause" : `${layout.causes} causes`;
  const roots =
    layout.rootCauses === 1 ? "1 is a root cause" : `${layout.rootCauses} are root causes`;
  return `Problem: ${problem.trim() || "not stated"}. ${causes}, of which ${roots}, flowing from the problem on the left to the deepest why on the right.`;
}

export function CauseDiagramSvg({
  problem,
  layout,
  idPrefix,
  className,
  style,
}: {
  problem: string;
  layout: DiagramLayout;
  /** Unique on the page: the title and description ids derive from it. */
  idPrefix: string;
  className?: string;
  style?: CSSProperties;
}) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      role="img"
      aria-labelledby={`${idPrefix}-title ${idPrefix}-desc`}
      className={className}
      style={{ fontFamily: DIAGRAM.font, ...style }}
      data-columns={layout.columns}
    >
      <title id={`${idPrefix}-title`}>5 Whys diagram</title>
      <desc id={`${idPrefix}-desc`}>{diagramDescription(problem, layout)}</desc>
      <rect width={layout.width} height={layout.height} fill="#ffffff" />
      <g fill="none" stroke="#475569" style={{ strokeWidth: "1.5" }}>
        {layout.edges.map((e) => (
          <path key={`${e.from}>${e.to}`} data-edge={`${e.from}>${e.to}`} d={e.path} />
        ))}
      </g>
      {layout.nodes.map((n) => {
        const box = BOX[n.kind];
        const { baselines } = lineOffsets(n.lines);
        return (
          <g key={n.id} data-node={n.id} data-kind={n.kind}>
            <rect
              x={n.x}
              y={n.y}
              width={n.width}
              height={n.height}
              rx="6"
              fill={box.fill}
              stroke={box.stroke}
              style={{ strokeWidth: box.strokeWidth }}
            />
            {n.kind === "root" && (
              // A solid bar on the left marks a root cause without relying on colour alone
              // (the label line says so in words too).
              <rect x={n.x} y={n.y} width="5" height={n.height} rx="2" fill="#b45309" />
            )}
            {n.lines.map((line, i) => {
              const t = TEXT[line.style];
              return (
                <text
                  key={i}
                  x={n.x + DIAGRAM.padding + (n.kind === "root" ? 3 : 0)}
                  y={n.y + baselines[i]}
                  fill={t.fill}
                  style={{ fontSize: t.fontSize, fontWeight: t.fontWeight }}
                >
                  {line.text}
                </text>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

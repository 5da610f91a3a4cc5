// Layout of the 5 Whys cause diagram (pure): the problem on the left, each "why" one column
// further right, root causes at the ends of their branches. Positions come from d3-hierarchy's
// tidy tree (Reingold–Tilford), boxes are sized from estimated text widths (text-width.ts), so
// the same layout is drawn on the server (published report) and in the browser (editor).
import { hierarchy, tree, type HierarchyPointNode } from "d3-hierarchy";
import { categoryLabel } from "@/lib/labels";
import { wrapText } from "./text-width";
import type { WhyTreeNode } from "./tree";

export const DIAGRAM = {
  boxWidth: 200,
  columnGap: 40,
  /** Vertical gap between two boxes of one parent; cousins get twice as much. */
  rowGap: 12,
  padding: 8,
  margin: 12,
  fontSize: 12,
  lineHeight: 15,
  labelSize: 10,
  labelLineHeight: 13,
  font: "Arial, Helvetica, 'Liberation Sans', sans-serif",
} as const;

export type DiagramNodeKind = "problem" | "cause" | "root";

export interface DiagramLine {
  text: string;
  /** Small caption ("Why 2", the root-cause label) or statement text. */
  style: "caption" | "root-label" | "text" | "problem";
}

export interface DiagramNode {
  /** The WhyNode id; "problem" for the problem statement. */
  id: string;
  kind: DiagramNodeKind;
  depth: number;
  /** Top-left corner and size, in px of the diagram's own coordinate system. */
  x: number;
  y: number;
  width: number;
  height: number;
  lines: DiagramLine[];
}

export interface DiagramEdge {
  from: string;
  to: string;
  /** SVG path data of the elbow connector, parent's right edge to child's left edge. */
  path: string;
}

export interface DiagramLayout {
  width: number;
  height: number;
  /** Columns drawn (the problem plus the deepest "why"). */
  columns: number;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  causes: number;
  rootCauses: number;
}

const TEXT_WIDTH = DIAGRAM.boxWidth - DIAGRAM.padding * 2;

/** The wording used by the editor and the report list, so a cause reads the same everywhere. */
export function rootCauseLabel(category: string | null): string {
  return `◆ Root cause · ${categoryLabel(category)}`;
}

function boxLines(kind: DiagramNodeKind, depth: number, text: string, category: string | null) {
  const caption: DiagramLine = {
    text: kind === "problem" ? "Problem" : `Why ${depth}`,
    style: "caption",
  };
  const body = wrapText(text, TEXT_WIDTH, DIAGRAM.fontSize, kind === "problem").map(
    (t): DiagramLine => ({ text: t, style: kind === "problem" ? "problem" : "text" }),
  );
  const label =
    kind === "root"
      ? wrapText(rootCauseLabel(category), TEXT_WIDTH, DIAGRAM.labelSize, true).map(
          (t): DiagramLine => ({ text: t, style: "root-label" }),
        )
      : [];
  // Each block's last line ends in a space, so the box's text reads "Why 2 The pool … ◆ Root cause".
  const blocks = [[caption], body, label].filter((b) => b.length > 0);
  for (const block of blocks.slice(0, -1)) {
    const last = block[block.length - 1];
    if (!last.text.endsWith(" ")) last.text += " ";
  }
  return blocks.flat();
}

/** Height of a box holding these lines (captions and labels are smaller than statements). */
export function lineOffsets(lines: DiagramLine[]): { baselines: number[]; height: number } {
  let y = DIAGRAM.padding;
  const baselines = lines.map((l) => {
    const step =
      l.style === "caption" || l.style === "root-label"
        ? DIAGRAM.labelLineHeight
        : DIAGRAM.lineHeight;
    y += step;
    // Baseline sits about a quarter of the line height above the line's bottom.
    return y - Math.round(step * 0.25);
  });
  return { baselines, height: y + DIAGRAM.padding };
}

interface Datum {
  id: string;
  kind: DiagramNodeKind;
  depth: number;
  lines: DiagramLine[];
  height: number;
  children: Datum[];
}

function toDatum(node: WhyTreeNode, depth: number): Datum {
  const kind = node.isRootCause ? "root" : "cause";
  const lines = boxLines(kind, depth, node.statement, node.category);
  return {
    id: node.id,
    kind,
    depth,
    lines,
    height: lineOffsets(lines).height,
    children: node.children.map((c) => toDatum(c, depth + 1)),
  };
}

/** Every box and connector of the tree under `problem`, positioned. */
export function layoutWhyDiagram(problem: string, roots: WhyTreeNode[]): DiagramLayout {
  const problemLines = boxLines("problem", 0, problem.trim() || "Problem not stated", null);
  const top: Datum = {
    id: "problem",
    kind: "problem",
    depth: 0,
    lines: problemLines,
    height: lineOffsets(problemLines).height,
    children: roots.map((r) => toDatum(r, 1)),
  };
  const column = DIAGRAM.boxWidth + DIAGRAM.columnGap;
  // d3 spreads siblings along x and depth along y; we draw depth left to right, so d3's x is our
  // vertical axis. With a node size of 1 across, separation() is the distance in px between the
  // centres of two neighbouring boxes: half of each box plus the gap.
  const laidOut: HierarchyPointNode<Datum> = tree<Datum>()
    .nodeSize([1, column])
    .separation(
      (a, b) =>
        a.data.height / 2 + b.data.height / 2 + DIAGRAM.rowGap * (a.parent === b.parent ? 1 : 2),
    )(hierarchy(top));
  const all = laidOut.descendants();
  const minTop = Math.min(...all.map((n) => n.x - n.data.height / 2));
  const maxBottom = Math.max(...all.map((n) => n.x + n.data.height / 2));
  const depth = Math.max(...all.map((n) => n.depth));
  const left = (n: HierarchyPointNode<Datum>) => DIAGRAM.margin + n.y;
  const topOf = (n: HierarchyPointNode<Datum>) =>
    Math.round(DIAGRAM.margin + n.x - minTop - n.data.height / 2);
  const middle = (n: HierarchyPointNode<Datum>) => topOf(n) + Math.round(n.data.height / 2);

  const nodes = all.map((n): DiagramNode => ({
    id: n.data.id,
    kind: n.data.kind,
    depth: n.data.depth,
    x: left(n),
    y: topOf(n),
    width: DIAGRAM.boxWidth,
    height: n.data.height,
    lines: n.data.lines,
  }));
  const edges = laidOut.links().map(({ source, target }): DiagramEdge => {
    const x1 = left(source) + DIAGRAM.boxWidth;
    const x2 = left(target);
    const mid = x1 + DIAGRAM.columnGap / 2;
    return {
      from: source.data.id,
      to: target.data.id,
      path: `M${x1} ${middle(source)}H${mid}V${middle(target)}H${x2}`,
    };
  });
  return {
    width: DIAGRAM.margin * 2 + depth * column + DIAGRAM.boxWidth,
    height: Math.ceil(maxBottom - minTop) + DIAGRAM.margin * 2,
    columns: depth + 1,
    nodes,
    edges,
    causes: nodes.length - 1,
    rootCauses: nodes.filter((n) => n.kind === "root").length,
  };
}

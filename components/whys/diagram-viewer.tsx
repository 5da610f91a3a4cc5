"use client";
// The cause diagram in the editor's Diagram tab: fitted to the viewport on open, zoom and pan
// by buttons, keyboard (arrows, + and −, 0 to fit) and dragging, SVG and PNG downloads. The
// drawing itself is the pure CauseDiagramSvg the published report also stores; the indented
// list stays one click away as the text alternative.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { layoutWhyDiagram } from "@/lib/whys/diagram-layout";
import type { WhyTreeNode } from "@/lib/whys/tree";
import { Button } from "@/components/ui/button";
import { CauseDiagramSvg } from "./cause-diagram-svg";
import { downloadPng, downloadSvg } from "./diagram-download";

type View = { scale: number; x: number; y: number };
const MIN_SCALE = 0.2;
const MAX_SCALE = 3;
const ZOOM_STEP = 1.25;
const PAN_STEP = 60;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function DiagramViewer({
  problem,
  roots,
  filename,
  list,
}: {
  problem: string;
  roots: WhyTreeNode[];
  /** Download name without extension. */
  filename: string;
  /** The same tree as an indented list (the accessible alternative). */
  list: ReactNode;
}) {
  const layout = useMemo(() => layoutWhyDiagram(problem, roots), [problem, roots]);
  const viewport = useRef<HTMLDivElement>(null);
  const svgHolder = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>({ scale: 1, x: 0, y: 0 });
  const [error, setError] = useState<string | null>(null);
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);

  const fit = useCallback(() => {
    const box = viewport.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    const scale = clamp(
      Math.min(box.width / layout.width, box.height / layout.height, 1),
      MIN_SCALE,
      MAX_SCALE,
    );
    setView({
      scale,
      x: (box.width - layout.width * scale) / 2,
      y: (box.height - layout.height * scale) / 2,
    });
  }, [layout]);

  // Fit on open and whenever the tree changes shape (a live edit by someone else).
  useEffect(() => {
    fit();
  }, [fit]);

  /** Zoom by `factor` around the viewport's centre, so what the reader looks at stays put. */
  const zoom = (factor: number) =>
    setView((v) => {
      const box = viewport.current?.getBoundingClientRect();
      const cx = (box?.width ?? 0) / 2;
      const cy = (box?.height ?? 0) / 2;
      const scale = clamp(v.scale * factor, MIN_SCALE, MAX_SCALE);
      const k = scale / v.scale;
      return { scale, x: cx - (cx - v.x) * k, y: cy - (cy - v.y) * k };
    });
  const pan = (dx: number, dy: number) => setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));

  const onKeyDown = (e: React.KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowLeft: () => pan(PAN_STEP, 0),
      ArrowRight: () => pan(-PAN_STEP, 0),
      ArrowUp: () => pan(0, PAN_STEP),
      ArrowDown: () => pan(0, -PAN_STEP),
      "+": () => zoom(ZOOM_STEP),
      "=": () => zoom(ZOOM_STEP),
      "-": () => zoom(1 / ZOOM_STEP),
      "0": fit,
    };
    const run = keys[e.key];
    if (!run || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    run();
  };

  const svgElement = () => svgHolder.current?.querySelector("svg") ?? null;
  const download = async (kind: "svg" | "png") => {
    const svg = svgElement();
    if (!svg) return;
    setError(null);
    try {
      if (kind === "svg") downloadSvg(svg, `${filename}.svg`);
      else await downloadPng(svg, `${filename}.png`);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The download failed.");
    }
  };

  const percent = Math.round(view.scale * 100);
  return (
    <div className="space-y-2">
      <div
        className="no-print flex flex-wrap items-center gap-2"
        role="toolbar"
        aria-label="Diagram view"
      >
        <Button variant="secondary" onClick={() => zoom(ZOOM_STEP)}>
          Zoom in
        </Button>
        <Button variant="secondary" onClick={() => zoom(1 / ZOOM_STEP)}>
          Zoom out
        </Button>
        <Button variant="secondary" onClick={fit}>
          Fit to screen
        </Button>
        <Button variant="secondary" onClick={() => setView({ scale: 1, x: 0, y: 0 })}>
          Actual size
        </Button>
        <span className="text-sm text-slate-700" role="status" data-testid="diagram-zoom">
          Zoom {percent}%
        </span>
        <span className="mx-1 h-6 border-l border-slate-300" aria-hidden="true" />
        <Button variant="secondary" onClick={() => void download("svg")}>
          Download SVG
        </Button>
        <Button variant="secondary" onClick={() => void download("png")}>
          Download PNG
        </Button>
      </div>
      <p id="diagram-keys" className="no-print text-xs text-slate-600">
        Select the diagram, then use the arrow keys to pan, + and − to zoom and 0 to fit. You can
        also drag it.
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      <div
        ref={viewport}
        tabIndex={0}
        role="group"
        aria-label={`5 Whys diagram at ${percent}%`}
        aria-describedby="diagram-keys"
        data-testid="diagram-viewport"
        onKeyDown={onKeyDown}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d || d.id !== e.pointerId) return;
          pan(e.clientX - d.x, e.clientY - d.y);
          drag.current = { ...d, x: e.clientX, y: e.clientY };
        }}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        className="why-diagram-print relative h-[70vh] min-h-80 cursor-grab touch-none overflow-hidden rounded-md border border-slate-300 bg-white active:cursor-grabbing print:h-auto print:min-h-0 print:cursor-auto print:overflow-visible print:border-0"
      >
        <div
          ref={svgHolder}
          className="absolute top-0 left-0 origin-top-left print:static print:!transform-none"
          style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
        >
          <CauseDiagramSvg
            problem={problem}
            layout={layout}
            idPrefix="why-diagram"
            className="block max-w-none print:h-auto print:max-h-[150mm] print:w-full print:max-w-full"
          />
        </div>
      </div>
      <details className="no-print rounded-md border border-slate-200 bg-white px-3 py-2">
        <summary className="cursor-pointer text-sm font-medium text-slate-800">
          Show the diagram as a list
        </summary>
        <div className="mt-2">{list}</div>
      </details>
    </div>
  );
}

"use client";
// A live preview beside a Markdown field, rendered by the server with the same sanitizing
// renderer as the report (lib/markdown/actions.ts), a moment after typing stops.
//
// Accessibility: the "Preview" toggle is a button with aria-pressed that controls the preview
// region. The region itself is not a live region: reading the whole text aloud after every
// pause would drown the typing. A polite status says "Preview updated" only when the preview
// changes while the author is not typing in the field (turned on, or text changed elsewhere).
import { useEffect, useRef, useState } from "react";
import { previewMarkdownAction } from "@/lib/markdown/actions";
import { cn } from "@/lib/cn";
import { proseClass } from "./prose";

const DEBOUNCE_MS = 350;

type Rendered = { source: string; html: string; problem: string | null };

export function MarkdownPreviewFrame({
  fieldId,
  label,
  labelElement,
  source,
  children,
}: {
  /** The textarea's id (its focus decides whether updates are announced). */
  fieldId: string;
  /** The field's name, for the toggle's and the preview's accessible names. */
  label: string;
  /** The field's visible <label>, shown on one line with the toggle. */
  labelElement: React.ReactNode;
  source: string;
  /** The field's textarea. */
  children: React.ReactNode;
}) {
  const [shown, setShown] = useState(false);
  const regionId = `${fieldId}-preview`;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-end justify-between gap-2">
        {labelElement}
        <button
          type="button"
          aria-pressed={shown}
          aria-controls={shown ? regionId : undefined}
          onClick={() => setShown((s) => !s)}
          // A toggle keeps its name; aria-pressed says whether the preview is on.
          className={cn(
            "rounded border px-2 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700",
            shown
              ? "border-blue-800 bg-blue-800 text-white"
              : "border-slate-300 bg-white text-blue-800 hover:bg-slate-50",
          )}
        >
          Preview
          <span className="sr-only"> of {label}</span>
        </button>
      </div>
      {/* Side by side where both columns stay readable; below the field on narrower screens. */}
      <div className={cn("grid gap-3", shown && "xl:grid-cols-2")}>
        <div className="min-w-0">{children}</div>
        {shown && <PreviewPane id={regionId} fieldId={fieldId} label={label} source={source} />}
      </div>
    </div>
  );
}

function PreviewPane({
  id,
  fieldId,
  label,
  source,
}: {
  id: string;
  fieldId: string;
  label: string;
  source: string;
}) {
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const latest = useRef(0);
  const empty = !source.trim();

  useEffect(() => {
    // Every change supersedes a request still in flight, even one back to the shown text.
    const request = ++latest.current;
    if (empty || rendered?.source === source) return;
    const timer = setTimeout(async () => {
      try {
        const result = await previewMarkdownAction({ markdown: source });
        if (request !== latest.current) return;
        if (!result.ok) {
          setError(Object.values(result.fieldErrors ?? {}).flat()[0] ?? result.message);
          return;
        }
        setError(null);
        setRendered({ source, ...result.data! });
        const typing = document.activeElement?.id === fieldId;
        if (!typing) setAnnouncement(`Preview of ${label} updated.`);
      } catch {
        if (request === latest.current)
          setError("The preview could not reach the server. Your text is not affected.");
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [source, empty, rendered, fieldId, label]);

  const stale = !empty && rendered?.source !== source;
  return (
    <section
      id={id}
      aria-label={`Preview of ${label}`}
      aria-busy={stale || undefined}
      data-testid="markdown-preview"
      className="min-w-0 rounded-md border border-dashed border-slate-300 bg-white px-3 py-2 text-sm"
    >
      <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-600">
        Preview — as readers will see it
      </p>
      {empty ? (
        <p className="italic text-slate-600">Nothing to preview yet.</p>
      ) : rendered ? (
        <div
          className={cn(proseClass, stale && "opacity-70")}
          // Sanitized by the report's renderer on the server (lib/markdown/render.ts).
          dangerouslySetInnerHTML={{ __html: rendered.html }}
        />
      ) : (
        <p className="text-slate-600">Rendering…</p>
      )}
      {rendered?.problem && !empty && (
        <p className="mt-2 text-xs text-amber-900">Shown as plain text: {rendered.problem}</p>
      )}
      {error && <p className="mt-2 text-xs text-red-700">{error}</p>}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </section>
  );
}

import { splitHighlights } from "@/lib/search/highlight";

/** A search snippet: matched words in <mark>, everything else as text (never as HTML). */
export function Snippet({ text, className }: { text: string; className?: string }) {
  return (
    <p className={className}>
      {splitHighlights(text).map((part, i) =>
        part.hit ? (
          <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 font-medium text-slate-900">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}

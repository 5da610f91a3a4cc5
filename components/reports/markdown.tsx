import { renderMarkdownCached } from "@/lib/markdown/cache";
import { proseClass } from "@/components/markdown/prose";

/** Sanitized Markdown (lib/markdown strips scripts, handlers and unsafe links). */
export function Markdown({
  source,
  empty = "Not written yet.",
}: {
  source: string;
  empty?: string;
}) {
  const html = renderMarkdownCached(source);
  if (!html) return <p className="italic text-slate-600">{empty}</p>;
  return <div className={proseClass} dangerouslySetInnerHTML={{ __html: html }} />;
}

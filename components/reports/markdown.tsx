import { renderMarkdownCached } from "@/lib/markdown/cache";

const prose =
  "report-prose space-y-2 break-words [&_a]:text-blue-800 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 " +
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.9em] [&_h3]:font-semibold [&_h4]:font-semibold " +
  "[&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-2 [&_pre]:whitespace-pre-wrap " +
  "[&_table]:border-collapse [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_th]:border [&_th]:border-slate-300 [&_th]:px-2 [&_ul]:list-disc [&_ul]:pl-6";

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
  return <div className={prose} dangerouslySetInnerHTML={{ __html: html }} />;
}

import type { SectionDiff } from "@/lib/reports/diff";

/** Changed lines per section, marked with text (“Added” / “Removed”) as well as colour. */
export function VersionDiff({
  sections,
  fromLabel,
  toLabel,
}: {
  sections: SectionDiff[];
  fromLabel: string;
  toLabel: string;
}) {
  const changed = sections.filter((s) => s.changed);
  if (changed.length === 0)
    return (
      <p className="rounded-md border border-slate-200 bg-white p-4 text-sm">
        No differences between {fromLabel} and {toLabel}.
      </p>
    );
  return (
    <div className="space-y-4" data-testid="version-diff">
      {sections.map((s) =>
        s.changed ? (
          <section
            key={s.key}
            aria-label={`Changes in ${s.title}`}
            className="rounded-lg border border-slate-200 bg-white"
          >
            <h3 className="border-b border-slate-200 px-4 py-2 font-semibold">{s.title}</h3>
            <ol className="font-mono text-sm">
              {s.lines.map((l, i) =>
                l.type === "same" ? (
                  <li
                    key={i}
                    className="px-4 py-0.5 whitespace-pre-wrap break-words text-slate-600"
                  >
                    <span className="sr-only">Unchanged: </span>
                    <span aria-hidden="true" className="mr-2 inline-block w-4 select-none">
                      {" "}
                    </span>
                    {l.text || " "}
                  </li>
                ) : l.type === "added" ? (
                  <li
                    key={i}
                    className="bg-green-50 px-4 py-0.5 whitespace-pre-wrap break-words text-green-950"
                  >
                    <span
                      className="mr-2 inline-block w-4 select-none font-bold"
                      aria-hidden="true"
                    >
                      +
                    </span>
                    <span className="sr-only">Added: </span>
                    <ins className="no-underline">{l.text || " "}</ins>
                  </li>
                ) : (
                  <li
                    key={i}
                    className="bg-red-50 px-4 py-0.5 whitespace-pre-wrap break-words text-red-950"
                  >
                    <span
                      className="mr-2 inline-block w-4 select-none font-bold"
                      aria-hidden="true"
                    >
                      −
                    </span>
                    <span className="sr-only">Removed: </span>
                    <del>{l.text || " "}</del>
                  </li>
                ),
              )}
            </ol>
          </section>
        ) : (
          <p key={s.key} className="text-sm text-slate-600">
            {s.title}: unchanged.
          </p>
        ),
      )}
    </div>
  );
}

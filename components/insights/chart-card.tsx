import type { DataTable } from "@/lib/metrics/dashboard";
import { DataTableView } from "./data-table";

/**
 * One dashboard figure: a heading, the chart (an image for screen readers, described by its
 * summary), the same numbers as a table under a disclosure, and a CSV download.
 */
export function ChartCard({
  table,
  csvHref,
  summary,
  children,
}: {
  table: DataTable;
  csvHref: string;
  summary: string;
  children?: React.ReactNode;
}) {
  const headingId = `chart-${table.id}`;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid={`chart-${table.id}`}
    >
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {table.title}
        </h2>
        <a href={csvHref} download className="rounded text-sm text-blue-800 underline">
          Download CSV<span className="sr-only"> of {table.title.toLowerCase()}</span>
        </a>
      </div>
      <p className="mb-2 text-sm text-slate-700">{summary}</p>
      {children && (
        <div
          role="img"
          aria-label={`Chart: ${table.title}. ${summary} The numbers are in the table below.`}
        >
          {children}
        </div>
      )}
      <details className="mt-2" open={!children}>
        <summary className="cursor-pointer rounded text-sm font-medium text-slate-800">
          Table of the numbers
        </summary>
        <div className="mt-2">
          <DataTableView table={table} />
        </div>
      </details>
    </section>
  );
}

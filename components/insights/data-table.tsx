import type { DataTable } from "@/lib/metrics/dashboard";

/** A chart's numbers as a table: the text alternative of the chart, and what the CSV holds. */
export function DataTableView({ table }: { table: DataTable }) {
  if (table.rows.length === 0)
    return <p className="text-sm text-slate-600">No data in this period.</p>;
  return (
    // Focusable so keyboard users can scroll a wide table (axe: scrollable-region-focusable).
    <div className="overflow-x-auto rounded" tabIndex={0} role="region" aria-label={table.title}>
      <table className="min-w-full text-left text-sm" data-testid={`table-${table.id}`}>
        <caption className="sr-only">{table.title}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-700">
            {table.columns.map((c) => (
              <th key={c} scope="col" className="px-2 py-1 font-medium whitespace-nowrap">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i} className="border-b border-slate-100">
              {row.map((cell, j) =>
                j === 0 ? (
                  <th
                    key={j}
                    scope="row"
                    className="px-2 py-1 font-normal whitespace-nowrap text-slate-900"
                  >
                    {cell ?? "—"}
                  </th>
                ) : (
                  <td key={j} className="px-2 py-1 text-slate-800 tabular-nums">
                    {cell ?? "—"}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { requireIncidentPage } from "@/lib/incidents/access";
import { getVersionByNumber, listVersions } from "@/lib/reports/data";
import { diffSnapshots, diffSummary } from "@/lib/reports/diff";
import { formatTimestamp } from "@/lib/reports/snapshot";
import { VersionDiff } from "@/components/reports/version-diff";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Report versions" };

export default async function VersionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const q = await searchParams;
  const { ctx, incident } = await requireIncidentPage(id);
  const versions = await listVersions(ctx.scope, incident.id);
  const num = (v: unknown) => (typeof v === "string" && /^\d{1,6}$/.test(v) ? Number(v) : null);
  const latest = versions[0]?.number ?? 0;
  const from = num(q.from) ?? (latest > 1 ? latest - 1 : null);
  const to = num(q.to) ?? (latest > 1 ? latest : null);
  const [a, b] =
    from && to
      ? await Promise.all([
          getVersionByNumber(ctx.scope, incident.id, from),
          getVersionByNumber(ctx.scope, incident.id, to),
        ])
      : [null, null];
  const diff = a && b ? diffSnapshots(a.snapshot, b.snapshot) : null;
  const summary = diff ? diffSummary(diff) : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">Version history</h2>
        <Link href={`/incidents/${incident.id}/report`} className="text-sm text-blue-800 underline">
          Back to the report
        </Link>
      </div>
      {versions.length === 0 ? (
        <EmptyState title="Nothing published yet">
          Publish the report after a review; every published version is kept here.
        </EmptyState>
      ) : (
        <table className="w-full border-collapse rounded-lg bg-white text-left text-sm">
          <caption className="sr-only">Published versions</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="px-3 py-2">
                Version
              </th>
              <th scope="col" className="px-3 py-2">
                Published
              </th>
              <th scope="col" className="px-3 py-2">
                By
              </th>
              <th scope="col" className="px-3 py-2">
                Title
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} className="border-b border-slate-200">
                <td className="px-3 py-2">
                  <Link
                    href={`/incidents/${incident.id}/report/versions/${v.number}`}
                    className="font-medium text-blue-800 underline"
                  >
                    Version {v.number}
                  </Link>
                </td>
                <td className="px-3 py-2">{formatTimestamp(v.publishedAt.toISOString())}</td>
                <td className="px-3 py-2">{v.publishedBy.name ?? v.publishedBy.email}</td>
                <td className="px-3 py-2 break-words">{v.title}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {versions.length > 1 && (
        <section aria-labelledby="compare-heading" className="space-y-4">
          <h2 id="compare-heading" className="text-lg font-semibold">
            Compare versions
          </h2>
          <form method="get" className="flex flex-wrap items-end gap-3">
            {(["from", "to"] as const).map((name) => (
              <div key={name} className="space-y-1">
                <label htmlFor={`compare-${name}`} className="block text-sm font-medium">
                  {name === "from" ? "From version" : "To version"}
                </label>
                <select
                  id={`compare-${name}`}
                  name={name}
                  defaultValue={String(name === "from" ? from : to)}
                  className="rounded-md border border-slate-300 px-3 py-2 text-sm"
                >
                  {versions.map((v) => (
                    <option key={v.id} value={v.number}>
                      Version {v.number}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <button
              type="submit"
              className="rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800"
            >
              Compare
            </button>
          </form>
          {diff && summary && a && b ? (
            <>
              <p className="text-sm text-slate-700" aria-live="polite">
                Version {a.number} → version {b.number}: {summary.changedSections} section
                {summary.changedSections === 1 ? "" : "s"} changed, {summary.added} line
                {summary.added === 1 ? "" : "s"} added, {summary.removed} removed.
              </p>
              <VersionDiff
                sections={diff}
                fromLabel={`version ${a.number}`}
                toLabel={`version ${b.number}`}
              />
            </>
          ) : (
            from &&
            to && <p className="text-sm text-red-800">Choose two published versions to compare.</p>
          )}
        </section>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { hasAnyPortalGrant, listPortalReports, listPortalReportsPage } from "@/lib/sharing/data";
import { PORTAL_QUERY_MAX, portalSearchSchema } from "@/lib/sharing/schema";
import { formatDay } from "@/components/sharing/format";
import { EmptyState } from "@/components/ui/empty-state";
import { Snippet } from "@/components/search/snippet";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Shared reports" };

export default async function PortalPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>;
}) {
  const user = await requireUser("/portal");
  const params = await searchParams;
  const q = portalSearchSchema.parse(params.q);
  // Browsing is paged (a reader may hold hundreds of reports); a search answers its best matches.
  const listed = q
    ? null
    : await listPortalReportsPage(
        user.email,
        Number(Array.isArray(params.page) ? params.page[0] : params.page),
      );
  const reports = listed ? listed.reports : await listPortalReports(user.email, q);
  const hasAny = q
    ? await hasAnyPortalGrant(user.email)
    : reports.length > 0 || (listed?.page ?? 1) > 1;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          Reports shared with you
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Published incident reports shared with {user.email}, newest first. They are read-only.
        </p>
      </div>
      {hasAny && (
        <form role="search" method="get" className="flex flex-wrap items-end gap-2">
          <div className="space-y-1">
            <label htmlFor="q" className="block text-sm font-medium text-slate-800">
              Search reports
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={PORTAL_QUERY_MAX}
              placeholder="Words, title or INC number"
              className="block w-72 max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
            />
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            Search
          </button>
          {q && (
            <Link href="/portal" className="px-2 py-2 text-sm text-blue-700 underline">
              Clear search
            </Link>
          )}
        </form>
      )}
      <p className="sr-only" role="status" aria-live="polite">
        {q
          ? `${reports.length} ${reports.length === 1 ? "report matches" : "reports match"} “${q}”.`
          : ""}
      </p>
      {reports.length === 0 ? (
        q ? (
          <EmptyState title={`No reports match “${q}”`}>
            Try another word from the report, its title, or an incident number like INC-12.
          </EmptyState>
        ) : (
          <EmptyState title="Nothing has been shared with you yet">
            When a team shares an incident report with {user.email}, it appears here. Check that you
            signed in with the address the email was sent to.
          </EmptyState>
        )
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {reports.map((r) => (
            <li key={r.versionId} className="px-4 py-3">
              <Link
                href={`/portal/reports/${r.versionId}`}
                className="font-medium text-blue-800 underline-offset-2 hover:underline"
              >
                {r.title}
              </Link>
              <p className="mt-0.5 text-sm text-slate-600">
                {r.incidentKey} · {r.teamName} · version {r.number}, published{" "}
                {formatDay(r.publishedAt)}
              </p>
              {r.match && (
                <div className="mt-1 text-sm" data-testid="portal-match">
                  <Link href={r.match.href} className="text-blue-800 underline">
                    In “{r.match.sectionTitle}”
                  </Link>
                  <Snippet text={r.match.snippet} className="mt-0.5 break-words text-slate-700" />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {listed && (listed.page > 1 || listed.hasMore) && (
        <nav aria-label="Pagination" className="flex justify-between gap-2">
          {listed.page > 1 ? (
            <Link
              href={listed.page === 2 ? "/portal" : `/portal?page=${listed.page - 1}`}
              className={buttonClass("secondary")}
            >
              Previous page
            </Link>
          ) : (
            <span />
          )}
          {listed.hasMore && (
            <Link href={`/portal?page=${listed.page + 1}`} className={buttonClass("secondary")}>
              Next page
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}

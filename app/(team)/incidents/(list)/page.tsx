import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import {
  incidentKey,
  SEVERITIES,
  SEVERITY_LABELS,
  STATUSES,
  STATUS_LABELS,
} from "@/lib/incidents/constants";
import { getPreferredTimeZone, listIncidents, listTeamServices } from "@/lib/incidents/data";
import { incidentListFiltersSchema } from "@/lib/incidents/schema";
import { SeverityBadge, StatusBadge } from "@/components/incidents/incident-badges";
import { LocalTime } from "@/components/incidents/local-time";
import { TimeZoneProvider } from "@/components/incidents/use-time-zone";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Incidents" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const control = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requireTeam("/incidents");
  const raw = await searchParams;
  const params = Object.fromEntries(
    ["status", "severity", "service", "from", "to", "sort", "cursor"].map((k) => [
      k,
      one(raw[k]) || undefined,
    ]),
  );
  const filters = incidentListFiltersSchema.parse(params);
  const [{ rows, nextCursor }, services, zone] = await Promise.all([
    listIncidents(ctx.scope, filters),
    listTeamServices(ctx.scope),
    getPreferredTimeZone(ctx.user.id),
  ]);
  const canWrite = can(ctx.role, "incident:write");
  const filtered = Boolean(
    params.status || params.severity || params.service || params.from || params.to,
  );
  const keep = new URLSearchParams(
    Object.entries(params).filter(([k, v]) => k !== "cursor" && v) as [string, string][],
  );
  const nextHref = nextCursor
    ? `/incidents?${new URLSearchParams([...keep, ["cursor", nextCursor]])}`
    : null;
  const firstHref = `/incidents${keep.size ? `?${keep}` : ""}`;

  return (
    <TimeZoneProvider zone={zone}>
      <PageHeader
        title="Incidents"
        description="Every incident your team recorded, newest first."
        actions={
          canWrite && (
            <Link href="/incidents/new" className={buttonClass("primary")}>
              New incident
            </Link>
          )
        }
      />
      <form
        method="get"
        action="/incidents"
        role="search"
        aria-label="Filter incidents"
        className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-7 lg:items-end"
      >
        <div>
          <label htmlFor="f-status" className="mb-1 block text-xs font-medium text-slate-700">
            Status
          </label>
          <select
            id="f-status"
            name="status"
            defaultValue={params.status ?? ""}
            className={control}
          >
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-severity" className="mb-1 block text-xs font-medium text-slate-700">
            Severity
          </label>
          <select
            id="f-severity"
            name="severity"
            defaultValue={params.severity ?? ""}
            className={control}
          >
            <option value="">Any severity</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {SEVERITY_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-service" className="mb-1 block text-xs font-medium text-slate-700">
            Service
          </label>
          <select
            id="f-service"
            name="service"
            defaultValue={params.service ?? ""}
            className={control}
          >
            <option value="">Any service</option>
            {services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-from" className="mb-1 block text-xs font-medium text-slate-700">
            Started from
          </label>
          <input
            id="f-from"
            type="date"
            name="from"
            defaultValue={params.from ?? ""}
            className={control}
          />
        </div>
        <div>
          <label htmlFor="f-to" className="mb-1 block text-xs font-medium text-slate-700">
            Started until
          </label>
          <input
            id="f-to"
            type="date"
            name="to"
            defaultValue={params.to ?? ""}
            className={control}
          />
        </div>
        <div>
          <label htmlFor="f-sort" className="mb-1 block text-xs font-medium text-slate-700">
            Sort
          </label>
          <select id="f-sort" name="sort" defaultValue={filters.sort} className={control}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
            <option value="severity">Most severe first</option>
          </select>
        </div>
        <div className="col-span-2 flex gap-2 sm:col-span-3 lg:col-span-1">
          <button type="submit" className={buttonClass("primary", "flex-1")}>
            Apply
          </button>
          {filtered && (
            <Link href="/incidents" className={buttonClass("ghost")}>
              Clear
            </Link>
          )}
        </div>
      </form>

      {rows.length === 0 ? (
        filtered || filters.cursor ? (
          <EmptyState
            title="No incidents match these filters"
            action={
              <Link href="/incidents" className={buttonClass("secondary")}>
                Clear filters
              </Link>
            }
          >
            Widen the date range or choose another status, severity or service.
          </EmptyState>
        ) : (
          <EmptyState
            title="No incidents yet"
            action={
              canWrite && (
                <Link href="/incidents/new" className={buttonClass("primary")}>
                  Record the first incident
                </Link>
              )
            }
          >
            {canWrite
              ? "When something goes wrong, record it here: start with a title and when it started."
              : "Your team has not recorded any incidents yet."}
          </EmptyState>
        )
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">
              Incidents{filtered ? " matching the filters" : ""}
            </caption>
            <thead className="bg-slate-50 text-left text-xs font-medium text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Incident
                </th>
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                  Severity
                </th>
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                  Status
                </th>
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                  Started
                </th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  Services
                </th>
                <th scope="col" className="hidden px-3 py-2 lg:table-cell">
                  Commander
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id} className="align-top hover:bg-slate-50">
                  <td className="px-3 py-2">
                    <Link
                      href={`/incidents/${r.id}`}
                      className="font-medium text-blue-800 hover:underline"
                    >
                      <span className="mr-1 font-mono text-xs text-slate-600">
                        {incidentKey(r.number)}
                      </span>{" "}
                      {r.title}
                    </Link>
                    {/* Phones get one readable column instead of a sideways-scrolling table. */}
                    <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600 sm:hidden">
                      <SeverityBadge severity={r.severity} />
                      <StatusBadge status={r.status} />
                      <LocalTime iso={r.startedAt.toISOString()} />
                    </div>
                  </td>
                  <td className="hidden px-3 py-2 sm:table-cell">
                    <SeverityBadge severity={r.severity} />
                  </td>
                  <td className="hidden px-3 py-2 sm:table-cell">
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="hidden px-3 py-2 whitespace-nowrap text-slate-700 sm:table-cell">
                    <LocalTime iso={r.startedAt.toISOString()} />
                  </td>
                  <td className="hidden px-3 py-2 font-mono text-xs text-slate-700 md:table-cell">
                    {r.services.join(", ")}
                  </td>
                  <td className="hidden px-3 py-2 text-slate-700 lg:table-cell">
                    {r.commander ? (r.commander.name ?? r.commander.email) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(nextHref || filters.cursor) && (
        <nav aria-label="Pagination" className="mt-4 flex justify-between gap-2">
          {filters.cursor ? (
            <Link href={firstHref} className={buttonClass("secondary")}>
              First page
            </Link>
          ) : (
            <span />
          )}
          {nextHref && (
            <Link href={nextHref} className={buttonClass("secondary")}>
              Next page
            </Link>
          )}
        </nav>
      )}
    </TimeZoneProvider>
  );
}

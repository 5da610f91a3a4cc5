import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { incidentKey, STATUSES, STATUS_LABELS } from "@/lib/incidents/constants";
import { getPreferredTimeZone, listIncidents, listTeamServices } from "@/lib/incidents/data";
import { incidentListFiltersSchema } from "@/lib/incidents/schema";
import { SeverityBadge, StatusBadge } from "@/components/incidents/incident-badges";
import { LocalTime } from "@/components/incidents/local-time";
import { TimeZoneProvider } from "@/components/incidents/use-time-zone";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import {
  FilterBar,
  FilterSelect,
  labelled,
  ServiceFilter,
  SeverityFilter,
  StartedRange,
} from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Incidents" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const SORTS = [
  { value: "newest", label: "Newest first" },
  { value: "oldest", label: "Oldest first" },
  { value: "severity", label: "Most severe first" },
];

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
      <FilterBar
        action="/incidents"
        label="Filter incidents"
        search
        className="mb-4 lg:grid-cols-7"
      >
        <FilterSelect
          id="f-status"
          name="status"
          label="Status"
          value={params.status}
          anyLabel="Any status"
          options={labelled(STATUSES, STATUS_LABELS)}
        />
        <SeverityFilter id="f-severity" value={params.severity} />
        <ServiceFilter id="f-service" value={params.service} services={services} />
        <StartedRange idPrefix="f" from={params.from} to={params.to} />
        <FilterSelect id="f-sort" name="sort" label="Sort" value={filters.sort} options={SORTS} />
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
      </FilterBar>

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

import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { incidentKey } from "@/lib/incidents/constants";
import { getHomeData, getPreferredTimeZone } from "@/lib/incidents/data";
import { SeverityBadge, StatusBadge } from "@/components/incidents/incident-badges";
import { LocalTime } from "@/components/incidents/local-time";
import { TimeZoneProvider } from "@/components/incidents/use-time-zone";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const ctx = await requireTeam("/");
  const [{ open, reports }, zone] = await Promise.all([
    getHomeData(ctx.scope),
    getPreferredTimeZone(ctx.user.id),
  ]);
  const canWrite = can(ctx.role, "incident:write");
  return (
    <TimeZoneProvider zone={zone}>
      <div className="space-y-8">
        <PageHeader
          title={ctx.team.name}
          description="Open incidents and recent reports."
          actions={
            canWrite && (
              <Link href="/incidents/new" className={buttonClass("primary")}>
                New incident
              </Link>
            )
          }
        />
        <div className="grid gap-8 lg:grid-cols-5">
          <section aria-labelledby="open-heading" className="space-y-3 lg:col-span-3">
            <div className="flex items-baseline justify-between">
              <h2 id="open-heading" className="text-lg font-semibold text-slate-900">
                Open incidents
              </h2>
              <Link href="/incidents" className="text-sm text-blue-700 underline">
                All incidents
              </Link>
            </div>
            {open.length === 0 ? (
              <EmptyState
                title="No open incidents"
                action={
                  canWrite && (
                    <Link href="/incidents/new" className={buttonClass("secondary")}>
                      Record an incident
                    </Link>
                  )
                }
              >
                All quiet. When something breaks, record it here so the timeline is captured while
                it is fresh.
              </EmptyState>
            ) : (
              <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {open.map((i) => (
                  <li key={i.id} className="px-4 py-3">
                    <Link
                      href={`/incidents/${i.id}`}
                      className="font-medium text-blue-800 hover:underline"
                    >
                      <span className="mr-1 font-mono text-xs text-slate-600">
                        {incidentKey(i.number)}
                      </span>{" "}
                      {i.title}
                    </Link>
                    <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                      <SeverityBadge severity={i.severity} />
                      <StatusBadge status={i.status} />
                      <span>
                        started <LocalTime iso={i.startedAt.toISOString()} />
                      </span>
                      {i.commander && <span>· {i.commander.name ?? i.commander.email}</span>}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="reports-heading" className="space-y-3 lg:col-span-2">
            <h2 id="reports-heading" className="text-lg font-semibold text-slate-900">
              Recent reports
            </h2>
            {reports.length === 0 ? (
              <EmptyState title="No published reports yet">
                Once an incident is over, work through its 5 Whys and action items, then publish its
                report from the incident&apos;s Report tab.
              </EmptyState>
            ) : (
              <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {reports.map((r) => (
                  <li key={r.id} className="px-4 py-3">
                    <Link
                      href={`/incidents/${r.report.incident.id}/report`}
                      className="font-medium text-blue-800 hover:underline"
                    >
                      <span className="mr-1 font-mono text-xs text-slate-600">
                        {incidentKey(r.report.incident.number)}
                      </span>{" "}
                      {r.title}
                    </Link>
                    <p className="mt-1 text-xs text-slate-600">
                      Version {r.number}, published <LocalTime iso={r.publishedAt.toISOString()} />
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </TimeZoneProvider>
  );
}

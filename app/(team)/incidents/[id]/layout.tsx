import { notFound } from "next/navigation";
import { requireIncidentPage } from "@/lib/incidents/access";
import { incidentKey } from "@/lib/incidents/constants";
import { getIncident, getPreferredTimeZone } from "@/lib/incidents/data";
import { SeverityBadge, StatusBadge } from "@/components/incidents/incident-badges";
import { IncidentTabs } from "@/components/incidents/incident-tabs";
import { TimeZoneProvider } from "@/components/incidents/use-time-zone";

export default async function IncidentLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const { ctx } = await requireIncidentPage(id);
  const [incident, zone] = await Promise.all([
    getIncident(ctx.scope, id),
    getPreferredTimeZone(ctx.user.id),
  ]);
  if (!incident) notFound();
  const commander = incident.commander
    ? (incident.commander.name ?? incident.commander.email)
    : null;
  return (
    <TimeZoneProvider zone={zone}>
      <div className="space-y-6">
        <header className="space-y-2">
          <p className="font-mono text-sm text-slate-600">{incidentKey(incident.number)}</p>
          <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">
            {incident.title}
          </h1>
          <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <SeverityBadge severity={incident.severity} long />
            <StatusBadge status={incident.status} />
            <span>
              Commander: <span className="font-medium">{commander ?? "none assigned"}</span>
            </span>
          </div>
        </header>
        <IncidentTabs incidentId={incident.id} />
        <div>{children}</div>
      </div>
    </TimeZoneProvider>
  );
}

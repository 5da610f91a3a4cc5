import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireIncidentPage } from "@/lib/incidents/access";
import { getIncident, listTeamMembers } from "@/lib/incidents/data";
import { PUBLISHED_INCIDENT_DELETE_MESSAGE } from "@/lib/incidents/mutations";
import { nextStatuses } from "@/lib/incidents/transitions";
import { listVersions } from "@/lib/reports/data";
import { DeleteIncidentButton } from "@/components/incidents/delete-incident-button";
import { IncidentForm } from "@/components/incidents/incident-form";

export const metadata: Metadata = { title: "Edit incident" };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export default async function EditIncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requireIncidentPage(id, "incident:write");
  const [incident, members, versions] = await Promise.all([
    getIncident(ctx.scope, id),
    listTeamMembers(ctx.scope),
    listVersions(ctx.scope, id),
  ]);
  if (!incident) notFound();
  return (
    <div className="max-w-3xl space-y-8">
      <h2 className="text-lg font-semibold text-slate-900">Edit incident</h2>
      <IncidentForm
        currentUserId={ctx.user.id}
        members={members}
        statuses={nextStatuses(incident.status)}
        incident={{
          id: incident.id,
          version: incident.version,
          title: incident.title,
          severity: incident.severity,
          status: incident.status,
          startedAt: incident.startedAt.toISOString(),
          detectedAt: iso(incident.detectedAt),
          acknowledgedAt: iso(incident.acknowledgedAt),
          mitigatedAt: iso(incident.mitigatedAt),
          resolvedAt: iso(incident.resolvedAt),
          impactStartedAt: iso(incident.impactStartedAt),
          impactEndedAt: iso(incident.impactEndedAt),
          summary: incident.summary,
          customerImpact: incident.customerImpact,
          services: incident.services,
          tags: incident.tags,
          commanderId: incident.commanderId,
        }}
      />
      <section
        aria-labelledby="danger-zone"
        className="rounded-lg border border-red-200 bg-white p-4"
      >
        <h3 id="danger-zone" className="font-semibold text-red-900">
          Delete this incident
        </h3>
        {versions.length > 0 ? (
          <p className="mt-1 text-sm text-slate-700" data-testid="delete-refused">
            {PUBLISHED_INCIDENT_DELETE_MESSAGE}
          </p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-700">
              Removes the incident with its timeline, 5 Whys, action items and report. The history
              keeps a record that it existed.
            </p>
            <div className="mt-3">
              <DeleteIncidentButton id={incident.id} version={incident.version} />
            </div>
          </>
        )}
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import { requireTeamPermission } from "@/lib/auth/session";
import { getPreferredTimeZone, listTeamMembers } from "@/lib/incidents/data";
import { CREATE_STATUSES } from "@/lib/incidents/transitions";
import { IncidentForm } from "@/components/incidents/incident-form";
import { TimeZoneProvider } from "@/components/incidents/use-time-zone";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "New incident" };

export default async function NewIncidentPage() {
  const ctx = await requireTeamPermission("incident:write", "/incidents/new");
  const [members, zone] = await Promise.all([
    listTeamMembers(ctx.scope),
    getPreferredTimeZone(ctx.user.id),
  ]);
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="New incident"
        description="Record what is happening now, or write up one that already ended. You can fill in details later."
      />
      <TimeZoneProvider zone={zone}>
        <IncidentForm members={members} statuses={CREATE_STATUSES} currentUserId={ctx.user.id} />
      </TimeZoneProvider>
    </div>
  );
}

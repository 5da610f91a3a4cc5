import type { Metadata } from "next";
import { requireTeamPermission } from "@/lib/auth/session";
import { listTeamMembers } from "@/lib/incidents/data";
import { CREATE_STATUSES } from "@/lib/incidents/transitions";
import { IncidentForm } from "@/components/incidents/incident-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "New incident" };

export default async function NewIncidentPage() {
  const ctx = await requireTeamPermission("incident:write", "/incidents/new");
  const members = await listTeamMembers(ctx.team.id);
  return (
    <div className="max-w-3xl">
      <PageHeader title="New incident" description="Record what is happening now, or write up one that already ended. You can fill in details later." />
      <IncidentForm members={members} statuses={CREATE_STATUSES} currentUserId={ctx.user.id} />
    </div>
  );
}

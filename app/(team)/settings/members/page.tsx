import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { getProfile, listMembers, listOpenInvitations } from "@/lib/teams/data";
import { InvitationsList } from "@/components/teams/invitations-list";
import { InviteForm } from "@/components/teams/invite-form";
import { LeaveTeam } from "@/components/teams/leave-team";
import { MembersList } from "@/components/teams/members-list";
import { PageStatus } from "@/components/teams/page-status";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const ctx = await requireTeam("/settings/members");
  const canManage = can(ctx.role, "team:manage");
  const [members, invitations, profile] = await Promise.all([
    listMembers(ctx.scope),
    canManage ? listOpenInvitations(ctx.scope) : Promise.resolve([]),
    getProfile(ctx.user.id),
  ]);
  const timeZone = profile?.timeZone ?? null;
  const owners = members.filter((m) => m.role === "OWNER").length;
  return (
    <div className="space-y-8">
      <PageHeader
        title="Members"
        description={
          canManage
            ? `${members.length} ${members.length === 1 ? "person" : "people"} in ${ctx.team.name}. Owners manage members; editors write; viewers read.`
            : `${members.length} ${members.length === 1 ? "person" : "people"} in ${ctx.team.name}. Only owners can invite people or change roles.`
        }
      />
      <div className="space-y-3">
        <PageStatus />
        <MembersList
          members={members}
          currentUserId={ctx.user.id}
          canManage={canManage}
          teamName={ctx.team.name}
          timeZone={timeZone}
        />
      </div>
      {canManage && (
        <>
          <section
            aria-labelledby="invite-heading"
            className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
          >
            <h2 id="invite-heading" className="mb-4 text-base font-semibold text-slate-900">
              Invite someone
            </h2>
            <InviteForm />
          </section>
          <section aria-labelledby="pending-heading" className="space-y-3">
            <h2 id="pending-heading" className="text-base font-semibold text-slate-900">
              Pending invitations
            </h2>
            <InvitationsList invitations={invitations} timeZone={timeZone} />
          </section>
        </>
      )}
      <LeaveTeam teamName={ctx.team.name} isLastOwner={ctx.role === "OWNER" && owners <= 1} />
    </div>
  );
}

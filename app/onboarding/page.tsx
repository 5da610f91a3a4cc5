import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions";
import { requireUser } from "@/lib/auth/session";
import { listInvitationsForUser, listMyTeams } from "@/lib/teams/data";
import { daysUntilExpiry } from "@/lib/teams/invitations";
import { AcceptInvitationForm } from "@/components/teams/accept-invitation-form";
import { CreateTeamForm } from "@/components/teams/create-team-form";
import { roleLabel } from "@/lib/labels";
import { OnboardingCard } from "@/components/teams/onboarding-card";

export const metadata: Metadata = { title: "Join or create a team" };

export default async function OnboardingPage() {
  const user = await requireUser("/onboarding");
  const [teams, invitations] = await Promise.all([
    listMyTeams(user.id),
    listInvitationsForUser(user.id, user.email),
  ]);
  const hasTeam = teams.length > 0;
  return (
    <OnboardingCard title={hasTeam ? "Join or create another team" : "Welcome to Hindsight"}>
      <p className="mb-5 text-sm text-slate-600">
        Signed in as <span className="font-medium text-slate-800">{user.email}</span>.{" "}
        {hasTeam
          ? "You can belong to several teams and switch between them from the header."
          : invitations.length > 0
            ? "You have been invited to a team: accept below, or create your own team instead."
            : "You are not in a team yet: create one, or ask a team owner to invite this address."}
      </p>
      {invitations.length > 0 && (
        <section aria-labelledby="invitations-heading" className="mb-6">
          <h2 id="invitations-heading" className="mb-2 text-sm font-semibold text-slate-900">
            Invitations for you
          </h2>
          <ul className="space-y-3">
            {invitations.map((inv) => {
              const days = daysUntilExpiry(inv.createdAt);
              return (
                <li key={inv.id} className="rounded-lg border border-blue-200 bg-blue-50 p-3">
                  <p className="font-medium text-slate-900">{inv.team.name}</p>
                  <p className="mb-3 text-sm text-slate-700">
                    Join as {roleLabel(inv.role).toLowerCase()} · invited by{" "}
                    {inv.invitedBy.name ?? inv.invitedBy.email} · expires in {days}{" "}
                    {days === 1 ? "day" : "days"}
                  </p>
                  <AcceptInvitationForm invitationId={inv.id} teamName={inv.team.name} />
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section aria-labelledby="create-heading">
        <h2 id="create-heading" className="mb-2 text-sm font-semibold text-slate-900">
          {invitations.length > 0
            ? "Or create your own team"
            : hasTeam
              ? "Create a team"
              : "Create your team"}
        </h2>
        <CreateTeamForm />
      </section>
      <div className="mt-6 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-4 text-sm">
        {hasTeam ? (
          <Link href="/" className="font-medium text-blue-800 underline">
            Back to your team
          </Link>
        ) : (
          <span className="text-slate-600">Wrong account?</span>
        )}
        <form action={signOutAction}>
          <button
            type="submit"
            className="rounded-md px-2 py-1 text-slate-700 underline hover:bg-slate-100"
          >
            Sign out
          </button>
        </form>
      </div>
    </OnboardingCard>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { signOutForInvitationAction } from "@/lib/teams/actions";
import { findInvitation, isMember } from "@/lib/teams/data";
import { invitationPath } from "@/lib/teams/invitation-email";
import {
  daysUntilExpiry,
  invitationProblem,
  invitationState,
  sameEmail,
} from "@/lib/teams/invitations";
import { AcceptInvitationForm } from "@/components/teams/accept-invitation-form";
import { roleLabel } from "@/lib/labels";
import { OnboardingCard } from "@/components/teams/onboarding-card";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Invitation" };

const notice =
  "mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900";

export default async function InvitationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(invitationPath(id));
  const invitation = id.length <= 64 ? await findInvitation(id) : null;
  if (!invitation) notFound();

  if (!sameEmail(invitation.email, user.email)) {
    return (
      <OnboardingCard title="This invitation is for someone else">
        {/* Never the invited address: anyone holding the link's id would learn it. */}
        <p role="alert" className={notice}>
          This invitation was sent to a different email address. You are signed in as{" "}
          <strong>{user.email}</strong>.
        </p>
        <p className="mb-4 text-sm text-slate-600">
          Sign out, then sign in with the invited address to accept it.
        </p>
        <div className="flex flex-wrap gap-2">
          <form action={signOutForInvitationAction}>
            <input type="hidden" name="invitationId" value={invitation.id} />
            <button type="submit" className={buttonClass("primary")}>
              Sign out and switch account
            </button>
          </form>
          <Link href="/" className={buttonClass("secondary")}>
            Stay signed in
          </Link>
        </div>
      </OnboardingCard>
    );
  }

  if (await isMember(user.id, invitation.teamId)) {
    return (
      <OnboardingCard title={`You are already in ${invitation.team.name}`}>
        <p className="mb-4 text-sm text-slate-600">
          Nothing more to do: switch to the team from the header.
        </p>
        <Link href="/" className={buttonClass("primary")}>
          Go to Hindsight
        </Link>
      </OnboardingCard>
    );
  }

  const problem = invitationProblem(invitationState(invitation));
  if (problem) {
    return (
      <OnboardingCard title={`Invitation to ${invitation.team.name}`}>
        <p role="alert" className={notice}>
          {problem}
        </p>
        <Link href="/onboarding" className={buttonClass("secondary")}>
          Create your own team instead
        </Link>
      </OnboardingCard>
    );
  }

  const days = daysUntilExpiry(invitation.createdAt);
  return (
    <OnboardingCard title={`Join ${invitation.team.name}`}>
      <p className="mb-4 text-sm text-slate-600">
        {invitation.invitedBy.name ?? invitation.invitedBy.email} invited{" "}
        <strong>{user.email}</strong> to join as{" "}
        <strong>{roleLabel(invitation.role).toLowerCase()}</strong>. The invitation expires in{" "}
        {days} {days === 1 ? "day" : "days"}.
      </p>
      <AcceptInvitationForm invitationId={invitation.id} teamName={invitation.team.name} />
      <p className="mt-6 border-t border-slate-100 pt-4 text-sm text-slate-600">
        Not what you expected?{" "}
        <Link href="/onboarding" className="font-medium text-blue-800 underline">
          Create your own team instead
        </Link>
        .
      </p>
    </OnboardingCard>
  );
}

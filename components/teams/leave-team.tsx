import { leaveTeamAction } from "@/lib/teams/actions";
import { ConfirmForm } from "./confirm-form";

export function LeaveTeam({ teamName, isLastOwner }: { teamName: string; isLastOwner: boolean }) {
  return (
    <section
      aria-labelledby="leave-heading"
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="leave-heading" className="text-base font-semibold text-slate-900">
        Leave team
      </h2>
      {isLastOwner ? (
        <p className="mt-1 text-sm text-slate-600">
          You are the only owner of {teamName}. Make another member an owner before you leave.
        </p>
      ) : (
        <>
          <p className="mb-3 mt-1 text-sm text-slate-600">
            You lose access to {teamName}&apos;s incidents and reports until someone invites you
            again.
          </p>
          <ConfirmForm
            action={leaveTeamAction}
            hidden={{}}
            label="Leave team"
            question={`Leave ${teamName}?`}
            confirmLabel="Yes, leave"
            pendingText="Leaving…"
          />
        </>
      )}
    </section>
  );
}

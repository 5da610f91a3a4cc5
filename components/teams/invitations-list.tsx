import { daysUntilExpiry, invitationExpiresAt, invitationState } from "@/lib/teams/invitations";
import { roleLabel } from "@/lib/labels";
import { formatDate } from "./format";
import { InvitationActions } from "./invitation-actions";

interface OpenInvitation {
  id: string;
  email: string;
  role: string;
  createdAt: Date;
  invitedBy: { name: string | null; email: string };
}

export function InvitationsList({
  invitations,
  timeZone,
}: {
  invitations: OpenInvitation[];
  timeZone: string | null;
}) {
  if (invitations.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">
        No pending invitations. Invite someone with the form above.
      </p>
    );
  }
  const now = new Date();
  return (
    <ul
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
      aria-label="Pending invitations"
    >
      {invitations.map((inv) => {
        const expired =
          invitationState({ ...inv, acceptedAt: null, revokedAt: null }, now) === "expired";
        const days = daysUntilExpiry(inv.createdAt, now);
        return (
          <li
            key={inv.id}
            className="flex flex-wrap items-start justify-between gap-3 px-4 py-3 text-sm"
          >
            <div className="min-w-0">
              <p className="break-all font-medium text-slate-900">{inv.email}</p>
              <p className="text-slate-600">
                {roleLabel(inv.role)} · invited by {inv.invitedBy.name ?? inv.invitedBy.email} on{" "}
                {formatDate(inv.createdAt, timeZone)} ·{" "}
                {expired ? (
                  <span className="font-medium text-amber-800">
                    expired on {formatDate(invitationExpiresAt(inv.createdAt), timeZone)}: resend to
                    renew it
                  </span>
                ) : (
                  <span>
                    expires in {days} {days === 1 ? "day" : "days"}
                  </span>
                )}
              </p>
            </div>
            <InvitationActions invitationId={inv.id} email={inv.email} />
          </li>
        );
      })}
    </ul>
  );
}

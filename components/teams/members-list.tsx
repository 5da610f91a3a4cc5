import type { MemberRow } from "@/lib/teams/data";
import { removeMemberAction } from "@/lib/teams/actions";
import { ConfirmForm } from "./confirm-form";
import { roleLabel } from "@/lib/labels";
import { formatDate } from "./format";
import { RoleForm } from "./role-form";

/**
 * The team's members; owners get a role control and Remove on every row but their own.
 * A list rather than a table so each member stacks into a card on a phone.
 */
export function MembersList({
  members,
  currentUserId,
  canManage,
  teamName,
  timeZone,
}: {
  members: MemberRow[];
  currentUserId: string;
  canManage: boolean;
  teamName: string;
  timeZone: string | null;
}) {
  return (
    <ul
      aria-label={`Members of ${teamName}`}
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
    >
      {members.map((m) => {
        const self = m.user.id === currentUserId;
        const label = m.user.name ?? m.user.email;
        return (
          <li
            key={m.id}
            className="flex flex-col gap-3 px-4 py-3 text-sm md:flex-row md:flex-wrap md:items-start md:gap-x-6"
          >
            <div className="min-w-0 md:flex-1">
              <p className="break-all font-medium text-slate-900">
                {label}
                {self && <span className="ml-1 font-normal text-slate-600">(you)</span>}
              </p>
              {m.user.name && <p className="break-all text-slate-600">{m.user.email}</p>}
              <p className="text-xs text-slate-600">Joined {formatDate(m.createdAt, timeZone)}</p>
            </div>
            <div className="md:w-72">
              {canManage && !self ? (
                <RoleForm membershipId={m.id} role={m.role} memberLabel={label} />
              ) : (
                <p>
                  <span className="sr-only">Role: </span>
                  <span
                    className="inline-block rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700"
                    data-testid="member-role"
                  >
                    {roleLabel(m.role)}
                  </span>
                </p>
              )}
            </div>
            {canManage && (
              <div className="md:w-56 md:text-right">
                {!self && (
                  <ConfirmForm
                    action={removeMemberAction}
                    hidden={{ membershipId: m.id }}
                    label="Remove"
                    accessibleLabel={`Remove ${label}`}
                    question={`Remove ${label}?`}
                    confirmLabel="Yes, remove"
                    pendingText="Removing…"
                  />
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

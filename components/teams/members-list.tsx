import type { MemberRow } from "@/lib/teams/data";
import { removeMemberAction } from "@/lib/teams/actions";
import { ConfirmForm } from "./confirm-form";
import { formatDate, roleLabel } from "./format";
import { RoleForm } from "./role-form";

/** The team's members; owners get a role control and Remove on every row but their own. */
export function MembersList({ members, currentUserId, canManage, teamName, timeZone }: {
  members: MemberRow[];
  currentUserId: string;
  canManage: boolean;
  teamName: string;
  timeZone: string | null;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Members of {teamName}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Member</th>
            <th scope="col" className="px-4 py-2 font-medium">Role</th>
            <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">Joined</th>
            {canManage && (
              <th scope="col" className="px-4 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((m) => {
            const self = m.user.id === currentUserId;
            const label = m.user.name ?? m.user.email;
            return (
              <tr key={m.id} className="align-top">
                <th scope="row" className="px-4 py-3 font-normal">
                  <span className="block font-medium text-slate-900">
                    {label}
                    {self && <span className="ml-1 text-slate-600">(you)</span>}
                  </span>
                  {m.user.name && <span className="block break-all text-slate-600">{m.user.email}</span>}
                  <span className="block text-xs text-slate-600 sm:hidden">Joined {formatDate(m.createdAt, timeZone)}</span>
                </th>
                <td className="px-4 py-3">
                  {canManage && !self ? (
                    <RoleForm membershipId={m.id} role={m.role} memberLabel={label} />
                  ) : (
                    <span data-testid="member-role">{roleLabel[m.role]}</span>
                  )}
                </td>
                <td className="hidden whitespace-nowrap px-4 py-3 text-slate-700 sm:table-cell">{formatDate(m.createdAt, timeZone)}</td>
                {canManage && (
                  <td className="px-4 py-3">
                    {!self && (
                      <ConfirmForm
                        action={removeMemberAction}
                        hidden={{ membershipId: m.id }}
                        label="Remove"
                        accessibleLabel={`Remove ${label}`}
                        question={`Remove ${label} from ${teamName}?`}
                        confirmLabel="Yes, remove"
                        pendingText="Removing…"
                      />
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

import { displayDeliveryError } from "@/lib/email/delivery-error";
import type { GrantRow, ShareRow } from "@/lib/sharing/data";
import { resendShareAction, revokeGrantAction, revokeShareAction } from "@/lib/sharing/actions";
import { linkState } from "@/lib/sharing/tokens";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDay, formatWhen } from "./format";
import { RowAction } from "./row-action";

const deliveryStyle = {
  QUEUED: "bg-amber-50 text-amber-900 ring-amber-200",
  SENT: "bg-green-50 text-green-900 ring-green-200",
  FAILED: "bg-red-50 text-red-900 ring-red-200",
} as const;
const deliveryLabel = { QUEUED: "Queued", SENT: "Sent", FAILED: "Failed" } as const;

function Delivery({ share }: { share: ShareRow }) {
  return (
    <div className="space-y-1">
      <span
        className={`inline-block rounded px-2 py-0.5 text-xs font-medium ring-1 ${deliveryStyle[share.deliveryState]}`}
      >
        {deliveryLabel[share.deliveryState]}
      </span>
      {share.deliveryState === "SENT" && share.sentAt && (
        <p className="text-xs text-slate-600">{formatWhen(share.sentAt)}</p>
      )}
      {share.deliveryError && share.deliveryState !== "SENT" && (
        <p className="text-xs text-red-800">
          {share.deliveryState === "FAILED" ? "Gave up: " : "Retrying after: "}
          {displayDeliveryError(share.deliveryError)}
        </p>
      )}
    </div>
  );
}

export function ShareList({
  incidentId,
  shares,
  canShare,
  now,
}: {
  incidentId: string;
  shares: ShareRow[];
  canShare: boolean;
  now: Date;
}) {
  if (shares.length === 0) {
    return (
      <EmptyState title="Not shared with anyone yet">
        {canShare
          ? "Share the published report above; each recipient gets their own link and appears here."
          : "Editors and owners can share the published report."}
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Shared links with delivery state and views</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              Recipient
            </th>
            <th scope="col" className="px-3 py-2">
              Email
            </th>
            <th scope="col" className="px-3 py-2">
              Link
            </th>
            <th scope="col" className="px-3 py-2">
              Views
            </th>
            {canShare && (
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {shares.map((s) => {
            const state = linkState(s, now);
            return (
              <tr key={s.id} data-testid="share-row" className="align-top">
                <td className="px-3 py-3">
                  <p className="font-medium break-all text-slate-900">{s.recipientEmail}</p>
                  <p className="text-xs text-slate-600">
                    {s.audience === "CUSTOMER" ? "Customer version" : "Internal report"} ·{" "}
                    {s.mode === "CONFIRM_EMAIL" ? "Must confirm email" : "Anyone with the link"} ·
                    version {s.versionNumber} · by {s.createdBy}
                  </p>
                </td>
                <td className="px-3 py-3">
                  <Delivery share={s} />
                </td>
                <td className="px-3 py-3 text-xs text-slate-700">
                  {state === "revoked" ? (
                    <span className="font-medium text-red-800">
                      Revoked {formatWhen(s.revokedAt)}
                    </span>
                  ) : state === "expired" ? (
                    <span className="font-medium text-slate-700">
                      Expired {formatDay(s.expiresAt)}
                    </span>
                  ) : (
                    <span>Active until {formatDay(s.expiresAt)}</span>
                  )}
                </td>
                <td className="px-3 py-3 text-xs text-slate-700">
                  <p>
                    <span className="font-medium text-slate-900">{s.viewCount}</span>{" "}
                    {s.viewCount === 1 ? "view" : "views"}
                  </p>
                  <p>Last opened: {formatWhen(s.lastViewedAt)}</p>
                </td>
                {canShare && (
                  <td className="px-3 py-3">
                    <div className="flex flex-wrap gap-2">
                      <RowAction
                        action={resendShareAction.bind(null, incidentId, s.id)}
                        label="Resend"
                        context={`link to ${s.recipientEmail}`}
                        pendingText="Sending…"
                        hidden={state !== "active"}
                      />
                      <RowAction
                        action={revokeShareAction.bind(null, incidentId, s.id)}
                        label="Revoke"
                        context={`link for ${s.recipientEmail}`}
                        pendingText="Revoking…"
                        variant="danger"
                        hidden={state !== "active"}
                      />
                    </div>
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

export function GrantList({
  incidentId,
  grants,
  canManage,
}: {
  incidentId: string;
  grants: GrantRow[];
  canManage: boolean;
}) {
  if (grants.length === 0) {
    return (
      <EmptyState title="Nobody has portal access">
        People you share the report with can also read it in the stakeholder portal at /portal.
      </EmptyState>
    );
  }
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {grants.map((g) => (
        <li
          key={g.id}
          className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm"
          data-testid="grant-row"
        >
          <span>
            <span className="font-medium break-all text-slate-900">{g.email}</span>
            <span className="text-slate-600">
              {" "}
              · version {g.versionNumber} ·{" "}
              {g.revokedAt
                ? `access revoked ${formatDay(g.revokedAt)}`
                : `since ${formatDay(g.createdAt)}`}
            </span>
          </span>
          {canManage && (
            <RowAction
              action={revokeGrantAction.bind(null, incidentId, g.id)}
              label="Revoke access"
              context={`for ${g.email}`}
              pendingText="Revoking…"
              variant="danger"
              hidden={Boolean(g.revokedAt)}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

import Link from "next/link";
import { ACTION_STATUS_LABELS, PRIORITY_LABELS } from "@/lib/action-items/constants";
import type { ActionItemRow } from "@/lib/action-items/data";
import { isOverdue } from "@/lib/action-items/filters";
import { incidentKey } from "@/lib/incidents/constants";
import { StatusButton } from "./status-button";

const STATUS_STYLE: Record<string, string> = {
  OPEN: "border-slate-400 text-slate-800",
  IN_PROGRESS: "border-blue-600 text-blue-900",
  DONE: "border-green-700 text-green-900",
  WONT_DO: "border-slate-300 text-slate-600",
};

export function ActionStatusBadge({ status }: { status: keyof typeof ACTION_STATUS_LABELS }) {
  return (
    <span
      className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status]}`}
    >
      {ACTION_STATUS_LABELS[status]}
    </span>
  );
}

export function OverdueLabel() {
  return (
    <span
      className="inline-flex items-center gap-1 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white"
      data-testid="overdue"
    >
      <span aria-hidden="true">!</span> Overdue
    </span>
  );
}

/** Action items as a table with overdue rows marked by a label (not only colour). */
export function ActionItemList({
  items,
  canWrite,
  showIncident,
  now = new Date(),
  caption,
}: {
  items: ActionItemRow[];
  canWrite: boolean;
  showIncident: boolean;
  now?: Date;
  caption: string;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr className="border-b border-slate-200">
            <th scope="col" className="px-3 py-2">
              Action
            </th>
            {showIncident && (
              <th scope="col" className="px-3 py-2">
                Incident
              </th>
            )}
            <th scope="col" className="px-3 py-2">
              Owner
            </th>
            <th scope="col" className="px-3 py-2">
              Due
            </th>
            <th scope="col" className="px-3 py-2">
              Priority
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
            {canWrite && (
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Quick actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const overdue = isOverdue(item, now);
            return (
              <tr
                key={item.id}
                className={`border-b border-slate-100 align-top ${overdue ? "bg-red-50" : ""}`}
                data-testid="action-row"
              >
                <td className="px-3 py-2">
                  <Link
                    href={`/incidents/${item.incidentId}/actions/${item.id}`}
                    className="font-medium text-blue-800 underline break-words"
                  >
                    {item.title}
                  </Link>
                  {item.whyNode && (
                    <p className="mt-0.5 text-xs text-slate-600 break-words">
                      Addresses: {item.whyNode.statement}
                    </p>
                  )}
                  {item.status === "DONE" && item.completedBy && item.completedAt && (
                    <p className="mt-0.5 text-xs text-slate-600">
                      Completed by {item.completedBy.name ?? item.completedBy.email} on{" "}
                      {item.completedAt.toISOString().slice(0, 10)}
                    </p>
                  )}
                  {item.status === "WONT_DO" && item.wontDoReason && (
                    <p className="mt-0.5 text-xs text-slate-600 break-words">
                      Won&apos;t do: {item.wontDoReason}
                    </p>
                  )}
                  {item.trackerUrl && (
                    <a
                      href={item.trackerUrl}
                      className="mt-0.5 block text-xs text-blue-800 underline"
                      rel="noopener noreferrer nofollow"
                      target="_blank"
                    >
                      Tracker link<span className="sr-only"> (opens in a new tab)</span>
                    </a>
                  )}
                </td>
                {showIncident && (
                  <td className="px-3 py-2">
                    <Link
                      href={`/incidents/${item.incident.id}/actions`}
                      className="text-blue-800 underline"
                    >
                      {incidentKey(item.incident.number)}
                    </Link>
                    <span className="block text-xs text-slate-600 break-words">
                      {item.incident.title}
                    </span>
                  </td>
                )}
                <td className="px-3 py-2">
                  {item.owner ? (
                    (item.owner.name ?? item.owner.email)
                  ) : (
                    <span className="text-slate-600">Unassigned</span>
                  )}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {item.dueDate ? (
                    item.dueDate.toISOString().slice(0, 10)
                  ) : (
                    <span className="text-slate-600">—</span>
                  )}
                  {overdue && (
                    <span className="ml-2">
                      <OverdueLabel />
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{PRIORITY_LABELS[item.priority]}</td>
                <td className="px-3 py-2">
                  <ActionStatusBadge status={item.status} />
                </td>
                {canWrite && (
                  <td className="px-3 py-2">
                    {item.status === "OPEN" || item.status === "IN_PROGRESS" ? (
                      <StatusButton
                        itemId={item.id}
                        version={item.version}
                        status="DONE"
                        label="Mark done"
                        itemTitle={item.title}
                      />
                    ) : (
                      <StatusButton
                        itemId={item.id}
                        version={item.version}
                        status="OPEN"
                        label="Reopen"
                        itemTitle={item.title}
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

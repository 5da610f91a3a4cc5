import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireIncidentPage } from "@/lib/incidents/access";
import { deleteActionItemAction, updateActionItemAction } from "@/lib/action-items/actions";
import { PRIORITY_LABELS, ACTION_ITEM_TYPE_LABELS } from "@/lib/action-items/constants";
import { getActionItem, listOwnerOptions, listWhyNodeOptions } from "@/lib/action-items/data";
import { isOverdue } from "@/lib/action-items/filters";
import { ActionItemForm } from "@/components/action-items/action-item-form";
import { ActionStatusBadge, OverdueLabel } from "@/components/action-items/action-item-list";
import { ActionForm } from "@/components/reports/action-form";
import { Markdown } from "@/components/reports/markdown";

export const metadata: Metadata = { title: "Action item" };

export default async function ActionItemPage({
  params,
}: {
  params: Promise<{ id: string; actionId: string }>;
}) {
  const { id, actionId } = await params;
  const { ctx, incident } = await requireIncidentPage(id);
  const item = await getActionItem(ctx.scope, actionId);
  if (!item || item.incidentId !== incident.id) notFound();
  const canWrite = can(ctx.role, "incident:write");
  const back = (
    <Link href={`/incidents/${incident.id}/actions`} className="text-sm text-blue-800 underline">
      Back to action items
    </Link>
  );

  if (!canWrite) {
    return (
      <div className="max-w-2xl space-y-4">
        {back}
        <h2 className="text-lg font-semibold break-words">{item.title}</h2>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <ActionStatusBadge status={item.status} />
          {isOverdue(item, new Date()) && <OverdueLabel />}
          <span>{PRIORITY_LABELS[item.priority]}</span>
          {item.type && <span>Type: {ACTION_ITEM_TYPE_LABELS[item.type]}</span>}
          <span>Owner: {item.owner ? (item.owner.name ?? item.owner.email) : "unassigned"}</span>
          <span>Due: {item.dueDate ? item.dueDate.toISOString().slice(0, 10) : "no date"}</span>
        </div>
        {item.whyNode && <p className="text-sm">Addresses: {item.whyNode.statement}</p>}
        <Markdown source={item.description} empty="No description." />
      </div>
    );
  }

  const [owners, causes] = await Promise.all([
    listOwnerOptions(ctx.scope),
    listWhyNodeOptions(ctx.scope, incident.id),
  ]);
  return (
    <div className="space-y-4">
      {back}
      <h2 className="text-lg font-semibold break-words">Edit action item</h2>
      {item.status === "DONE" && item.completedBy && item.completedAt && (
        <p className="text-sm text-slate-700">
          Completed by {item.completedBy.name ?? item.completedBy.email} on{" "}
          {item.completedAt.toISOString().slice(0, 10)}.
        </p>
      )}
      <ActionItemForm
        action={updateActionItemAction.bind(null, item.id)}
        version={item.version}
        initial={{
          title: item.title,
          description: item.description,
          ownerId: item.ownerId ?? "",
          dueDate: item.dueDate ? item.dueDate.toISOString().slice(0, 10) : "",
          priority: item.priority,
          type: item.type ?? "",
          status: item.status,
          wontDoReason: item.wontDoReason ?? "",
          trackerUrl: item.trackerUrl ?? "",
          whyNodeId: item.whyNodeId ?? "",
        }}
        owners={owners}
        causes={causes}
        submitLabel="Save action item"
      />
      <details className="max-w-2xl rounded-lg border border-red-200 bg-white p-3 text-sm">
        <summary className="cursor-pointer font-medium text-red-800">
          Delete this action item
        </summary>
        <ActionForm
          action={deleteActionItemAction.bind(null, item.id)}
          submitLabel="Delete permanently"
          pendingText="Deleting…"
          variant="danger"
          className="mt-2 space-y-2"
          label="Delete action item"
        >
          <p className="text-slate-700">
            Deleting removes it from the incident and from future report drafts. Published reports
            keep it. To record a decision instead, set the status to “Won&apos;t do” with a reason.
          </p>
        </ActionForm>
      </details>
    </div>
  );
}

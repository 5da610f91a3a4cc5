import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireIncidentPage } from "@/lib/incidents/access";
import { createActionItemAction } from "@/lib/action-items/actions";
import { findWhyNode, listOwnerOptions, listWhyNodeOptions } from "@/lib/action-items/data";
import { ActionItemForm } from "@/components/action-items/action-item-form";
import { blankActionItem } from "@/lib/action-items/form-values";

export const metadata: Metadata = { title: "New action item" };

export default async function NewActionItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const q = await searchParams;
  const { ctx, incident } = await requireIncidentPage(id, "incident:write");
  const whyNodeId = typeof q.whyNodeId === "string" ? q.whyNodeId.slice(0, 64) : null;
  // A countermeasure must address a cause of this very incident.
  const cause = whyNodeId ? await findWhyNode(ctx.scope, incident.id, whyNodeId) : null;
  if (whyNodeId && !cause) notFound();
  const [owners, causes] = await Promise.all([
    listOwnerOptions(ctx.scope),
    cause ? Promise.resolve([]) : listWhyNodeOptions(ctx.scope, incident.id),
  ]);
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">
          {cause ? "Add a countermeasure" : "New action item"}
        </h2>
        <Link
          href={`/incidents/${incident.id}/actions`}
          className="text-sm text-blue-800 underline"
        >
          Back to action items
        </Link>
      </div>
      <ActionItemForm
        action={createActionItemAction.bind(null, incident.id)}
        initial={{ ...blankActionItem, ownerId: ctx.user.id, whyNodeId: cause?.id ?? "" }}
        owners={owners}
        causes={causes}
        fixedCause={cause ?? undefined}
        submitLabel="Create action item"
        returnTo={q.from === "whys" ? "whys" : undefined}
      />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireIncidentPage } from "@/lib/incidents/access";
import { listIncidentActionItems, listWhyNodeOptions } from "@/lib/action-items/data";
import { ActionItemList } from "@/components/action-items/action-item-list";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Incident action items" };

export default async function IncidentActionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { id } = await params;
  const q = await searchParams;
  const { ctx, incident } = await requireIncidentPage(id);
  const [items, causes] = await Promise.all([
    listIncidentActionItems(ctx.scope, incident.id),
    listWhyNodeOptions(ctx.scope, incident.id),
  ]);
  const canWrite = can(ctx.role, "incident:write");
  const uncovered = causes.filter((c) => c.isRootCause && !items.some((i) => i.whyNodeId === c.id));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">Action items ({items.length})</h2>
        {canWrite && (
          <Link href={`/incidents/${incident.id}/actions/new`} className={buttonClass("primary")}>
            New action item
          </Link>
        )}
      </div>
      <div aria-live="polite">
        {q.created && (
          <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
            Action item created.
          </p>
        )}
        {q.deleted && (
          <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
            Action item deleted.
          </p>
        )}
      </div>
      {uncovered.length > 0 && (
        <section
          aria-labelledby="uncovered"
          className="rounded-lg border border-amber-300 bg-amber-50 p-4"
        >
          <h3 id="uncovered" className="font-semibold text-amber-950">
            {uncovered.length} root cause{uncovered.length === 1 ? "" : "s"} without a
            countermeasure
          </h3>
          <ul className="mt-2 space-y-2 text-sm">
            {uncovered.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2">
                <span className="break-words">{c.statement}</span>
                {canWrite && (
                  <Link
                    href={`/incidents/${incident.id}/actions/new?whyNodeId=${c.id}`}
                    className={buttonClass("secondary", "px-2 py-1 text-xs")}
                    aria-label={`Add countermeasure for: ${c.statement}`}
                  >
                    Add countermeasure
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {items.length === 0 ? (
        <EmptyState
          title="No action items for this incident"
          action={
            canWrite ? (
              <Link
                href={`/incidents/${incident.id}/actions/new`}
                className={buttonClass("primary")}
              >
                New action item
              </Link>
            ) : undefined
          }
        >
          Turn each root cause from the 5 Whys into a countermeasure with an owner and a due date.
        </EmptyState>
      ) : (
        <ActionItemList
          items={items}
          canWrite={canWrite}
          showIncident={false}
          caption={`Action items of ${incident.title}`}
        />
      )}
    </div>
  );
}

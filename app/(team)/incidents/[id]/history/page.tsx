import type { Metadata } from "next";
import { parseAuditEntry } from "@/lib/audit/schema";
import { requireIncidentPage } from "@/lib/incidents/access";
import { listIncidentHistory } from "@/lib/incidents/data";
import { HistoryList } from "@/components/incidents/history-list";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Incident history" };

export default async function IncidentHistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requireIncidentPage(id);
  const events = await listIncidentHistory(ctx.scope, id);
  if (events.length === 0)
    return (
      <EmptyState title="No history yet">Changes to this incident will be listed here.</EmptyState>
    );
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading" className="sr-only">
        History
      </h2>
      <HistoryList
        items={events.map((e) => ({
          id: e.id,
          who: e.actor ? (e.actor.name ?? e.actor.email) : (e.actorLabel ?? "Someone"),
          entry: parseAuditEntry(e.action, e.data),
          action: e.action,
          createdAt: e.createdAt.toISOString(),
        }))}
      />
    </section>
  );
}

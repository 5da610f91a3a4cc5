import type { Metadata } from "next";
import { requireIncidentPage } from "@/lib/incidents/access";
import { listIncidentHistory } from "@/lib/incidents/data";
import { changesOf, describeAction, fieldLabel } from "@/components/incidents/audit-summary";
import { LocalTime } from "@/components/incidents/local-time";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Incident history" };

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function Value({ v }: { v: unknown }) {
  if (v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0))
    return <em className="text-slate-500">empty</em>;
  if (typeof v === "string" && ISO_RE.test(v)) return <LocalTime iso={v} />;
  const s = Array.isArray(v) ? v.join(", ") : String(v);
  return <span className="break-words">{s.length > 160 ? `${s.slice(0, 160)}…` : s}</span>;
}

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
      <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {events.map((e) => {
          const who = e.actor ? (e.actor.name ?? e.actor.email) : (e.actorLabel ?? "Someone");
          const changes = changesOf(e.data);
          return (
            <li key={e.id} className="px-4 py-3 text-sm" data-testid="history-entry">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p>
                  <span className="font-medium text-slate-900">{who}</span>{" "}
                  {describeAction(e.action, e.data)}
                </p>
                <LocalTime iso={e.createdAt.toISOString()} className="text-xs text-slate-600" />
              </div>
              {changes.length > 0 && (
                <ul className="mt-1 space-y-0.5 text-slate-700">
                  {changes.map((c) => (
                    <li key={c.field}>
                      <span className="font-medium">{fieldLabel(c.field)}</span>:{" "}
                      <Value v={c.from} /> → <Value v={c.to} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

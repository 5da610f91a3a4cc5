import Link from "next/link";
import { statusLabel } from "@/lib/labels";
import type { SimilarIncident } from "@/lib/search/similarity";

/** Past incidents like this one: why each is shown, its root causes, its action items. */
export function SimilarList({ items }: { items: SimilarIncident[] }) {
  return (
    <ol className="space-y-2" data-testid="similar-incidents">
      {items.map((s) => (
        <li key={s.incidentId} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
          <Link href={`/incidents/${s.incidentId}`} className="font-medium text-blue-800 underline">
            {s.incidentKey} · {s.title}
          </Link>
          <p className="mt-0.5 text-xs text-slate-600">
            {statusLabel(s.status)} · started {s.startedAt.toISOString().slice(0, 10)} ·{" "}
            {s.reason === "cause" ? "similar cause" : "similar title"} ({Math.round(s.score * 100)}{" "}
            %)
            {s.sharedServices > 0 &&
              ` · ${s.sharedServices} shared service${s.sharedServices > 1 ? "s" : ""}`}
          </p>
          {s.matchedStatement && (
            <p className="mt-1 text-slate-800">Cause there: “{s.matchedStatement}”</p>
          )}
          {s.rootCauses.length > 0 && (
            <p className="mt-1 text-slate-700">
              Root cause{s.rootCauses.length > 1 ? "s" : ""}:{" "}
              {s.rootCauses.map((r) => `“${r.statement}”`).join("; ")}
            </p>
          )}
          <p className="mt-1 text-xs text-slate-600">
            Action items: {s.actions.done} done, {s.actions.open} open
          </p>
        </li>
      ))}
    </ol>
  );
}

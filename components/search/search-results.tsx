import Link from "next/link";
import type { SearchHit } from "@/lib/search/data";
import { SEARCH_TYPE_LABELS } from "@/lib/search/schema";
import { SeverityBadge } from "@/components/incidents/incident-badges";
import type { Severity } from "@/lib/incidents/constants";
import { Snippet } from "./snippet";

const TYPE_STYLE: Record<SearchHit["type"], string> = {
  incident: "bg-slate-100 text-slate-800",
  event: "bg-sky-50 text-sky-900",
  why: "bg-violet-50 text-violet-900",
  action: "bg-emerald-50 text-emerald-900",
  report: "bg-amber-50 text-amber-900",
};

const ONE: Record<SearchHit["type"], string> = {
  incident: "Incident",
  event: "Timeline event",
  why: "5 Whys",
  action: "Action item",
  report: "Report",
};

export function SearchResults({ hits, offset }: { hits: SearchHit[]; offset: number }) {
  return (
    <ol
      start={offset + 1}
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
      aria-label="Search results"
    >
      {hits.map((hit) => (
        <li
          key={`${hit.type}-${hit.id}`}
          className="px-4 py-3"
          data-testid="search-hit"
          data-type={hit.type}
        >
          <div className="flex flex-wrap items-center gap-2 text-xs">
            <span
              className={`rounded px-1.5 py-0.5 font-medium ${TYPE_STYLE[hit.type]}`}
              title={SEARCH_TYPE_LABELS[hit.type]}
            >
              {hit.label && hit.type === "why" ? hit.label : ONE[hit.type]}
            </span>
            <SeverityBadge severity={hit.severity as Severity} />
            <span className="text-slate-600">
              {hit.incidentKey} · {hit.incidentTitle}
            </span>
          </div>
          <Link
            href={hit.href}
            className="mt-1 block rounded font-medium text-blue-800 underline-offset-2 hover:underline"
          >
            {hit.type === "report" && hit.label
              ? `Report section: ${hit.label}`
              : hit.type === "action" && hit.label
                ? hit.label
                : hit.type === "incident"
                  ? hit.incidentTitle
                  : `Open in ${hit.incidentKey}`}
          </Link>
          <Snippet text={hit.snippet} className="mt-1 text-sm break-words text-slate-700" />
        </li>
      ))}
    </ol>
  );
}

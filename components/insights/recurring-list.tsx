import Link from "next/link";
import { shownIncidents, type RecurringCause } from "@/lib/metrics/recurring";
import { count } from "@/lib/plural";

type Occurrence = RecurringCause["incidents"][number];

function OccurrenceItem({ inc }: { inc: Occurrence }) {
  return (
    <li>
      <Link
        href={`/incidents/${inc.incidentId}/whys?node=${inc.nodeId}`}
        className="text-blue-800 underline"
      >
        {inc.incidentKey} · {inc.incidentTitle}
      </Link>
      <span className="text-slate-600"> — “{inc.statement}”</span>
    </li>
  );
}

/** The first time and the latest times of a cause; the count of the ones between, not listed. */
function Occurrences({ incidents, csvHref }: { incidents: Occurrence[]; csvHref?: string }) {
  const { first, latest, omitted } = shownIncidents(incidents);
  return (
    <ul className="mt-2 space-y-1 text-sm">
      {first.map((inc) => (
        <OccurrenceItem key={inc.nodeId} inc={inc} />
      ))}
      {omitted > 0 && (
        <li className="text-slate-600" data-testid="recurring-omitted">
          … {count(omitted, "more incident")} between the first and the latest{" "}
          {latest.length === 1 ? "one" : latest.length}
          {csvHref ? (
            <>
              {" "}
              (every one is in the{" "}
              <a href={csvHref} className="text-blue-800 underline">
                CSV of recurring causes
              </a>
              )
            </>
          ) : null}
        </li>
      )}
      {latest.map((inc) => (
        <OccurrenceItem key={inc.nodeId} inc={inc} />
      ))}
    </ul>
  );
}

/** Recurring root causes; "came back after its countermeasure was done" leads, in words and colour. */
export function RecurringList({
  causes,
  similarity,
  compared,
  csvHref,
}: {
  causes: RecurringCause[];
  similarity: number;
  compared?: { causes: number; incidents: number; limited: boolean };
  /** Where the CSV with every incident of every group is (named when a group is shortened). */
  csvHref?: string;
}) {
  const scope = compared?.limited ? (
    <p className="mb-2 text-xs text-slate-600" data-testid="recurring-limited">
      This period has more incidents than are compared at once: the root causes of the newest{" "}
      {compared.incidents.toLocaleString("en")} were compared. Choose a shorter period to see all.
    </p>
  ) : null;
  if (causes.length === 0) {
    return (
      <>
        {scope}
        <p className="text-sm text-slate-600">
          No root cause of this period resembles an earlier root cause of the period (of another
          incident) at similarity {similarity} or above.
        </p>
      </>
    );
  }
  return (
    <>
      {scope}
      <ul className="space-y-3" data-testid="recurring-list">
        {causes.map((c, i) => (
          <li
            key={i}
            className={`rounded-md border p-3 ${c.cameBackAfterDone ? "border-red-300 bg-red-50" : "border-slate-200"}`}
          >
            <p className="font-medium text-slate-900">“{c.statement}”</p>
            {c.cameBackAfterDone && (
              <p className="mt-1 text-sm font-semibold text-red-800" data-testid="came-back">
                This cause came back after its countermeasure was done (in {c.cameBackIn}).
              </p>
            )}
            <p className="mt-1 text-xs text-slate-600">
              {count(c.incidents.length, "incident")} · similarity up to {c.similarity.toFixed(2)} ·
              action items: {c.actionsDone} done, {c.actionsOpen} open
            </p>
            <Occurrences incidents={c.incidents} csvHref={csvHref} />
          </li>
        ))}
      </ul>
    </>
  );
}

// The incident's response figures (time to detect / acknowledge / mitigate / resolve) as the
// incident page shows them. Same rule, labels and format as the report (lib/incidents/lifecycle.ts).
import {
  DURATION_KEYS,
  DURATION_LABELS,
  formatDuration,
  incidentDurations,
  type DurationTimes,
} from "@/lib/incidents/lifecycle";

export function ResponseTimes({ times }: { times: DurationTimes }) {
  const d = incidentDurations(times);
  return (
    <dl className="grid flex-1 grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Response times">
      {DURATION_KEYS.map((key) => (
        <div key={key} className="rounded-lg border border-slate-200 bg-white p-3">
          <dt className="text-xs font-medium text-slate-600">{DURATION_LABELS[key]}</dt>
          <dd className="mt-1 text-lg font-semibold text-slate-900">{formatDuration(d[key])}</dd>
        </div>
      ))}
      {d.customerImpact !== null && (
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          <dt className="text-xs font-medium text-slate-600">Customer impact</dt>
          <dd className="mt-1 text-lg font-semibold text-slate-900">
            {formatDuration(d.customerImpact)}
          </dd>
        </div>
      )}
    </dl>
  );
}

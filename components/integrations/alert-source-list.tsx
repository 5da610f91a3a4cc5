import { revokeAlertSourceAction } from "@/lib/alerts/actions";
import type { AlertSourceRow } from "@/lib/alerts/data";
import { ruleLines, severityRulesSchema } from "@/lib/alerts/rules";
import { LocalTime } from "@/components/incidents/local-time";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertSourceSettings } from "./alert-source-settings";
import { IdActionButton } from "./revoke-button";

const OUTCOME_STYLE = {
  ACCEPTED: "text-green-800",
  DUPLICATE: "text-slate-600",
  REFUSED: "text-red-700",
} as const;
const OUTCOME_LABEL = { ACCEPTED: "Accepted", DUPLICATE: "Duplicate", REFUSED: "Refused" } as const;

export function AlertSourceList({
  sources,
  appUrl,
}: {
  sources: AlertSourceRow[];
  appUrl: string;
}) {
  if (sources.length === 0) {
    return (
      <EmptyState title="No alert sources yet">
        Create one below, then point your Alertmanager, Grafana, Kapacitor, Sentry or Kibana webhook
        at its endpoint: firing alerts open incidents.
      </EmptyState>
    );
  }
  return (
    <ul className="space-y-6">
      {sources.map((s) => (
        <li
          key={s.id}
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
          aria-labelledby={`src-${s.id}`}
        >
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <h3 id={`src-${s.id}`} className="font-semibold text-slate-900">
                {s.name}{" "}
                <span className="text-sm font-normal text-slate-600">({s.kind.toLowerCase()})</span>
              </h3>
              <p className="text-sm text-slate-700">
                Endpoint:{" "}
                <code className="break-all font-mono text-xs">{`${appUrl}/api/v1/alerts/${s.id}`}</code>
              </p>
            </div>
            <IdActionButton
              action={revokeAlertSourceAction}
              name="sourceId"
              value={s.id}
              label="Remove"
              context={`alert source ${s.name}`}
              pendingText="Removing…"
            />
          </div>
          <details>
            <summary className="cursor-pointer text-sm font-medium">
              Severity rules and options
            </summary>
            <div className="mt-3">
              <AlertSourceSettings
                sourceId={s.id}
                rules={ruleLines(severityRulesSchema.catch([]).parse(s.severityRules))}
                defaultSeverity={s.defaultSeverity}
                mitigate={s.mitigateWhenResolved}
              />
            </div>
          </details>
          <div>
            <h4 className="text-sm font-semibold">Last deliveries</h4>
            {s.deliveries.length === 0 ? (
              <p className="text-sm text-slate-600">Nothing received yet.</p>
            ) : (
              <table className="mt-1 min-w-full text-sm">
                <caption className="sr-only">Last deliveries to {s.name}</caption>
                <thead className="text-left text-xs uppercase text-slate-600">
                  <tr>
                    <th scope="col" className="pr-4">
                      Received
                    </th>
                    <th scope="col" className="pr-4">
                      Outcome
                    </th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {s.deliveries.map((d) => (
                    <tr key={d.id} className="border-t border-slate-100">
                      <td className="py-1 pr-4">
                        <LocalTime iso={d.receivedAt.toISOString()} withSeconds />
                      </td>
                      <td className={`py-1 pr-4 font-medium ${OUTCOME_STYLE[d.outcome]}`}>
                        {OUTCOME_LABEL[d.outcome]}
                      </td>
                      <td className="py-1 text-slate-700">
                        {d.reason}
                        {d.alertCount
                          ? ` (${d.alertCount} alert${d.alertCount === 1 ? "" : "s"})`
                          : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

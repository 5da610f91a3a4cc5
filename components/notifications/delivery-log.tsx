import type { TargetRow } from "@/lib/notifications/data";
import { EVENT_LABELS } from "@/lib/notifications/events";
import { LocalTime } from "@/components/incidents/local-time";

type Delivery = TargetRow["deliveries"][number];

function outcome(d: Delivery) {
  if (d.state === "DELIVERED") return { text: "Delivered", className: "text-green-800" };
  if (d.state === "FAILED") return { text: "Failed", className: "text-red-700" };
  return d.attempts > 0
    ? { text: "Retrying", className: "text-amber-800" }
    : { text: "Queued", className: "text-slate-600" };
}

/** A target's latest deliveries: what was sent, whether it arrived, and why not. */
export function DeliveryLog({ name, deliveries }: { name: string; deliveries: Delivery[] }) {
  return (
    <div>
      <h4 className="text-sm font-semibold">Latest deliveries</h4>
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-600">
          Nothing sent yet. Send a test event to check the address.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="mt-1 min-w-full text-sm">
            <caption className="sr-only">Latest deliveries to {name}</caption>
            <thead className="text-left text-xs text-slate-600 uppercase">
              <tr>
                <th scope="col" className="pr-4">
                  Queued
                </th>
                <th scope="col" className="pr-4">
                  Event
                </th>
                <th scope="col" className="pr-4">
                  Outcome
                </th>
                <th scope="col" className="pr-4">
                  Attempts
                </th>
                <th scope="col" className="pr-4">
                  Answer
                </th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => {
                const o = outcome(d);
                return (
                  <tr key={d.id} className="border-t border-slate-100">
                    <td className="py-1 pr-4 whitespace-nowrap">
                      <LocalTime iso={d.createdAt.toISOString()} withSeconds />
                    </td>
                    <td className="py-1 pr-4">
                      {EVENT_LABELS[d.eventType as keyof typeof EVENT_LABELS] ?? d.eventType}
                    </td>
                    <td className={`py-1 pr-4 font-medium ${o.className}`}>{o.text}</td>
                    <td className="py-1 pr-4">{d.attempts}</td>
                    <td className="py-1 pr-4 whitespace-nowrap">
                      {d.responseStatus ? `HTTP ${d.responseStatus}` : "–"}
                      {d.latencyMs !== null ? ` · ${d.latencyMs} ms` : ""}
                    </td>
                    <td className="py-1 break-all text-slate-700">{d.lastError ?? ""}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

"use client";
import { LocalTime } from "./local-time";

const LABELS: Record<string, string> = {
  title: "Title",
  severity: "Severity",
  status: "Status",
  startedAt: "Started",
  detectedAt: "Detected",
  acknowledgedAt: "Acknowledged",
  mitigatedAt: "Mitigated",
  resolvedAt: "Resolved",
  impactStartedAt: "Customer impact started",
  impactEndedAt: "Customer impact ended",
  summary: "Summary",
  customerImpact: "Customer impact",
  services: "Affected services",
  tags: "Tags",
  commanderId: "Commander",
  occurredAt: "Time",
  kind: "Kind",
  body: "Text",
  author: "Author",
  isKey: "Key event",
};

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function Value({ field, current }: { field: string; current: Record<string, unknown> }) {
  const v = field === "commanderId" ? (current.commanderName ?? null) : current[field];
  if (v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0))
    return <em>empty</em>;
  if (typeof v === "string" && ISO_RE.test(v)) return <LocalTime iso={v} />;
  if (Array.isArray(v)) return <>{v.join(", ")}</>;
  const s = String(v);
  return <>{s.length > 200 ? `${s.slice(0, 200)}…` : s}</>;
}

/** What someone else changed, with the values now stored, so the user can re-apply theirs. */
export function ConflictNotice({
  message,
  conflict,
}: {
  message: string;
  conflict: { current: Record<string, unknown>; changed: string[] };
}) {
  return (
    <div
      role="alert"
      className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
    >
      <p className="font-medium">{message}</p>
      {conflict.changed.length > 0 ? (
        <>
          <p className="mt-2">Changed by someone else (current values):</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5" aria-label="Changed fields">
            {conflict.changed.map((f) => (
              <li key={f}>
                <span className="font-medium">{LABELS[f] ?? f}</span>:{" "}
                <Value field={f} current={conflict.current} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-2">Reload the page to see the current version.</p>
      )}
    </div>
  );
}

import {
  SEVERITY_LABELS,
  STATUS_LABELS,
  type IncidentStatus,
  type Severity,
} from "@/lib/incidents/constants";

const severityStyle: Record<Severity, string> = {
  SEV1: "bg-red-100 text-red-900 ring-red-300",
  SEV2: "bg-orange-100 text-orange-900 ring-orange-300",
  SEV3: "bg-yellow-100 text-yellow-900 ring-yellow-300",
  SEV4: "bg-slate-100 text-slate-800 ring-slate-300",
};

const statusStyle: Record<IncidentStatus, string> = {
  INVESTIGATING: "bg-red-50 text-red-800 ring-red-200",
  IDENTIFIED: "bg-amber-50 text-amber-900 ring-amber-200",
  MONITORING: "bg-blue-50 text-blue-800 ring-blue-200",
  RESOLVED: "bg-green-50 text-green-800 ring-green-200",
  CLOSED: "bg-slate-100 text-slate-700 ring-slate-200",
};

const base =
  "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap";

export function SeverityBadge({ severity, long = false }: { severity: Severity; long?: boolean }) {
  return (
    <span className={`${base} ${severityStyle[severity]}`} title={SEVERITY_LABELS[severity]}>
      {long ? SEVERITY_LABELS[severity] : severity}
    </span>
  );
}

export function StatusBadge({ status }: { status: IncidentStatus }) {
  return <span className={`${base} ${statusStyle[status]}`}>{STATUS_LABELS[status]}</span>;
}

const LABEL = { DRAFT: "Draft", IN_REVIEW: "In review", PUBLISHED: "Published" } as const;
const STYLE = {
  DRAFT: "border-slate-400 bg-slate-100 text-slate-800",
  IN_REVIEW: "border-amber-500 bg-amber-50 text-amber-900",
  PUBLISHED: "border-green-600 bg-green-50 text-green-900",
} as const;

export function ReportStatusBadge({ status }: { status: keyof typeof LABEL }) {
  return (
    <span
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold ${STYLE[status]}`}
      data-testid="report-status"
    >
      {LABEL[status]}
    </span>
  );
}

export const DECISION_LABELS = {
  PENDING: "Waiting for review",
  APPROVED: "Approved",
  CHANGES_REQUESTED: "Changes requested",
} as const;

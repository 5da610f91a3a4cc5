export default function IncidentOverviewPage() {
  return <p className="text-sm text-slate-600">Loading the overview…</p>;
}

const bar = "animate-pulse rounded bg-slate-200";

export function ListSkeleton({ label, rows = 6 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-label={label} className="space-y-3">
      <div className={`${bar} h-8 w-48`} />
      <div className={`${bar} h-14 w-full`} />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className={`${bar} h-10 w-full`} />
      ))}
      <span className="sr-only">{label}</span>
    </div>
  );
}

export function IncidentSkeleton() {
  return (
    <div role="status" aria-label="Loading incident" className="space-y-4">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className={`${bar} h-16`} />
        ))}
      </div>
      <div className={`${bar} h-40 w-full`} />
      <div className={`${bar} h-64 w-full`} />
      <span className="sr-only">Loading incident</span>
    </div>
  );
}

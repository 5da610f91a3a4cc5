/** Chrome for readers outside the workspace (shared links, portal): no team navigation. */
export function ReaderShell({
  subtitle,
  children,
  aside,
}: {
  subtitle: string;
  children: React.ReactNode;
  aside?: React.ReactNode;
}) {
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <p className="text-sm">
            <span className="font-semibold text-slate-900">Hindsight</span>
            <span className="text-slate-600"> · {subtitle}</span>
          </p>
          {aside}
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}

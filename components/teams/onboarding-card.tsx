/** The centred card used by onboarding and invitation pages (outside the team workspace). */
export function OnboardingCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main
      id="main"
      className="mx-auto flex min-h-screen w-full max-w-lg flex-col justify-center px-4 py-12"
    >
      <p className="mb-4 text-center text-lg font-semibold tracking-tight text-slate-900">
        Hindsight
      </p>
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-1 text-lg font-semibold">{title}</h1>
        {children}
      </div>
    </main>
  );
}

import { requireTeam } from "@/lib/auth/session";
import { AppHeader } from "@/components/layout/app-header";

export default async function TeamLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireTeam();
  return (
    <div className="min-h-screen">
      <AppHeader user={ctx.user} team={ctx.team} role={ctx.role} teams={ctx.teams} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}

import { requireTeam } from "@/lib/auth/session";
import { listMyTeams } from "@/lib/teams/data";
import { AppHeader } from "@/components/layout/app-header";

export default async function TeamLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireTeam();
  const teams = await listMyTeams(ctx.user.id);
  return (
    <div className="min-h-screen">
      <AppHeader user={ctx.user} team={ctx.team} role={ctx.role} teams={teams.map((m) => m.team)} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}

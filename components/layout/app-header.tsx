import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions";
import { switchTeamAction } from "@/lib/teams/actions";
import { NavLinks } from "./nav-links";

export function AppHeader({ user, team, role, teams }: {
  user: { email: string; name: string | null };
  team: { id: string; name: string };
  role: string;
  teams: { id: string; name: string }[];
}) {
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
          Hindsight
        </Link>
        <NavLinks />
        <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
          {teams.length > 1 ? (
            <form action={switchTeamAction} className="flex items-center gap-2">
              <label htmlFor="team-switcher" className="sr-only">
                Team
              </label>
              <select id="team-switcher" name="teamId" defaultValue={team.id} className="rounded-md border border-slate-300 px-2 py-1">
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
              <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100">
                Switch
              </button>
            </form>
          ) : (
            <span className="font-medium text-slate-800" data-testid="team-name">{team.name}</span>
          )}
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700" title="Your role in this team">
            {role.toLowerCase()}
          </span>
          <span className="hidden text-slate-600 sm:inline">{user.email}</span>
          <form action={signOutAction}>
            <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}

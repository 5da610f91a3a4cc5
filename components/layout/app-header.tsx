import Link from "next/link";
import { roleLabel } from "@/lib/labels";
import { signOutAction } from "@/lib/auth/actions";
import { InvitationsLink } from "./invitations-link";
import { HeaderSearch } from "@/components/search/header-search";
import { NavLinks } from "./nav-links";
import { TeamSwitcher } from "./team-switcher";

export function AppHeader({
  user,
  team,
  role,
  teams,
}: {
  user: { id: string; email: string; name: string | null };
  team: { id: string; name: string };
  role: string;
  teams: { id: string; name: string }[];
}) {
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 pt-3 sm:px-6 lg:flex-nowrap lg:py-3">
        <Link href="/" className="rounded text-lg font-semibold tracking-tight text-slate-900">
          Hindsight
        </Link>
        <span aria-hidden="true" className="hidden text-slate-300 sm:inline">
          /
        </span>
        <div className="order-3 flex min-w-0 basis-full items-center gap-2 sm:order-none sm:basis-auto lg:shrink">
          {teams.length > 1 ? (
            <TeamSwitcher team={team} teams={teams} />
          ) : (
            <span className="truncate text-sm font-medium text-slate-900" data-testid="team-name">
              {team.name}
            </span>
          )}
          <span
            className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700"
            data-testid="my-role"
          >
            <span className="sr-only">Your role: </span>
            {roleLabel(role)}
          </span>
        </div>
        <div className="order-5 w-full pb-2 sm:order-2 sm:ml-auto sm:w-auto sm:pb-0 lg:order-3">
          <HeaderSearch />
        </div>
        <div className="order-2 ml-auto flex shrink-0 items-center gap-2 text-sm sm:order-2 sm:ml-0 lg:order-3">
          <InvitationsLink userId={user.id} email={user.email} />
          <Link
            href="/settings"
            className="hidden max-w-[12rem] truncate rounded px-1 text-slate-700 hover:text-slate-900 hover:underline md:inline lg:hidden xl:inline"
            title="Your profile"
          >
            {user.name ?? user.email}
          </Link>
          <form action={signOutAction}>
            <button
              type="submit"
              className="rounded-md border border-transparent px-2 py-1 text-slate-700 hover:border-slate-300 hover:bg-slate-50"
            >
              Sign out
            </button>
          </form>
        </div>
        <div className="order-4 -mx-4 w-[calc(100%+2rem)] lg:order-2 overflow-x-auto px-4 pb-2 sm:-mx-6 sm:w-[calc(100%+3rem)] sm:px-6 lg:mx-0 lg:w-auto lg:shrink-0 lg:overflow-visible lg:p-0">
          <NavLinks />
        </div>
      </div>
    </header>
  );
}

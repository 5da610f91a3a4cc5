"use client";
import { usePathname } from "next/navigation";
import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { initialResult } from "@/lib/action-result";
import { switchTeamAction } from "@/lib/teams/actions";

/**
 * Where to land after switching: the same section of the app, never a record page (a record of
 * the old team would be 404 in the new one).
 */
function sectionOf(pathname: string) {
  const parts = pathname.split("/").filter(Boolean);
  if (parts[0] === "settings") return `/${parts.slice(0, 2).join("/")}`;
  return parts[0] ? `/${parts[0]}` : "/";
}

const noSubscribe = () => () => {};
// The header may be re-mounted by the navigation that follows a switch, so the pending switch
// is remembered for this tab until the new team's header announces it.
const SWITCHING_KEY = "hindsight:switching-team";

/**
 * A select that switches as soon as a team is chosen. Until JavaScript has loaded, a visible
 * "Switch" button submits the same form; the switch is announced to screen readers.
 */
export function TeamSwitcher({
  team,
  teams,
}: {
  team: { id: string; name: string };
  teams: { id: string; name: string }[];
}) {
  const pathname = usePathname();
  const [result, action, pending] = useActionState(switchTeamAction, initialResult);
  const hydrated = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const formRef = useRef<HTMLFormElement>(null);
  const typedRef = useRef(false);
  // Arrow keys on a closed select fire `change` in some browsers; switching on every key press
  // would yank keyboard users through each team, so keyboard changes wait for Enter or the button.
  const [typedChoice, setTypedChoice] = useState<string | null>(null);
  const awaitingConfirm = typedChoice !== null && typedChoice !== team.id;
  const announceRef = useRef<HTMLSpanElement>(null);

  function submit(teamId: string) {
    sessionStorage.setItem(SWITCHING_KEY, teamId);
    formRef.current?.requestSubmit();
  }

  useEffect(() => {
    if (sessionStorage.getItem(SWITCHING_KEY) !== team.id) return;
    sessionStorage.removeItem(SWITCHING_KEY);
    if (announceRef.current) announceRef.current.textContent = `Switched to team ${team.name}.`;
  }, [team.id, team.name]);

  return (
    <form ref={formRef} action={action} className="flex min-w-0 items-center gap-2">
      <input type="hidden" name="returnTo" value={sectionOf(pathname)} />
      <label htmlFor="team-switcher" className="sr-only">
        Current team
      </label>
      <select
        id="team-switcher"
        name="teamId"
        key={team.id}
        defaultValue={team.id}
        disabled={pending}
        aria-describedby="team-switcher-hint"
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            if (e.currentTarget.value !== team.id) submit(e.currentTarget.value);
          } else if (e.key !== "Tab" && e.key !== "Shift") {
            typedRef.current = true;
          }
        }}
        onPointerDown={() => (typedRef.current = false)}
        onChange={(e) => {
          if (typedRef.current) setTypedChoice(e.currentTarget.value);
          else submit(e.currentTarget.value);
        }}
        className="max-w-[12rem] min-w-0 truncate rounded-md border border-slate-300 bg-white py-1 pl-2 pr-7 text-sm font-medium text-slate-900 disabled:opacity-60 sm:max-w-[16rem] lg:max-w-[13rem]"
      >
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      {(!hydrated || awaitingConfirm) && (
        <button
          type="submit"
          onClick={(e) =>
            sessionStorage.setItem(
              SWITCHING_KEY,
              String(new FormData(e.currentTarget.form!).get("teamId")),
            )
          }
          className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100"
        >
          Switch
        </button>
      )}
      <span id="team-switcher-hint" className="sr-only">
        Choosing a team switches to it; with the keyboard, press Enter to switch.
      </span>
      <span aria-live="polite" className="text-xs text-slate-600">
        {pending ? "Switching…" : !result.ok ? result.message : null}
      </span>
      <span
        ref={announceRef}
        role="status"
        aria-live="polite"
        className="sr-only"
        data-testid="team-switch-status"
      />
    </form>
  );
}

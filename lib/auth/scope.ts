// Tenancy as a type: data and mutation functions that touch team data take a TeamScope,
// never a bare team id string. Only the authorization gates mint one (lib/auth/session.ts for
// signed-in members, lib/api for API tokens and signed webhooks, test fixtures); lint forbids
// importing `mintTeamScope` anywhere else.
declare const teamScopeBrand: unique symbol;

export interface TeamScope {
  readonly teamId: string;
  readonly [teamScopeBrand]: true;
}

/** For authorization gates only (enforced by eslint `no-restricted-imports`). */
export function mintTeamScope(teamId: string): TeamScope {
  return Object.freeze({ teamId }) as TeamScope;
}

/** Who changes team data: the scope the write is confined to and the user the audit row names. */
export interface TeamActor {
  readonly scope: TeamScope;
  readonly userId: string;
}

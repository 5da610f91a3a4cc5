// Who the integration test is "signed in" as. Only the session lookup is replaced; every
// authorization check still reads memberships and roles from the real database.
export const testSession = {
  userId: null as string | null,
  cookies: new Map<string, string>(),
  headers: {} as Record<string, string>,
};

export function signInAs(userId: string | null, teamId?: string) {
  testSession.userId = userId;
  testSession.cookies.clear();
  if (teamId) testSession.cookies.set("hindsight-team", teamId);
}

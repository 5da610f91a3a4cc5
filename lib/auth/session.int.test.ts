import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createTeamWithMembers, createUser, testDb } from "@/test/factory";
import { signInAs, testSession } from "@/test/session";
import { findSessionUser } from "./data";
import { getCurrentUser, getTeamContext } from "./session";
import { SESSION_MAX_AGE_SECONDS } from "./session-token";

const DAY = 24 * 60 * 60 * 1000;

/** A real Auth.js session row and its cookie on the test request. */
async function sessionCookie(userId: string, expires: Date) {
  const sessionToken = randomBytes(32).toString("hex");
  await testDb.session.create({ data: { sessionToken, userId, expires } });
  testSession.cookies.set("authjs.session-token", sessionToken);
  return sessionToken;
}

afterEach(() => signInAs(null));

describe("the session is read from its cookie in one statement", () => {
  it("finds the session's user and their teams, oldest membership first", async () => {
    const a = await createTeamWithMembers("Session A");
    const b = await createTeamWithMembers("Session B");
    await testDb.membership.create({
      data: { teamId: b.team.id, userId: a.editor.id, role: "VIEWER" },
    });
    const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
    const token = await sessionCookie(a.editor.id, expires);

    const found = await findSessionUser(token);
    expect(found?.user).toEqual({ id: a.editor.id, email: a.editor.email, name: a.editor.name });
    expect(found?.expires.getTime()).toBe(expires.getTime());
    expect(found?.memberships).toEqual([
      { role: "EDITOR", team: { id: a.team.id, name: "Session A", slug: a.team.slug } },
      { role: "VIEWER", team: { id: b.team.id, name: "Session B", slug: b.team.slug } },
    ]);
    expect(await findSessionUser("not-a-session")).toBeNull();
  });

  it("a fresh session is the signed-in user without asking Auth.js; the team cookie picks the team", async () => {
    const a = await createTeamWithMembers("Fresh A");
    const b = await createTeamWithMembers("Fresh B");
    await testDb.membership.create({
      data: { teamId: b.team.id, userId: a.owner.id, role: "VIEWER" },
    });
    // Auth.js (mocked by the test setup) would answer with someone else: it must not be asked.
    signInAs(b.viewer.id);
    await sessionCookie(a.owner.id, new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000 - 1000));

    expect((await getCurrentUser())?.id).toBe(a.owner.id);
    const ctx = await getTeamContext();
    expect(ctx).toMatchObject({ user: { id: a.owner.id }, team: { id: a.team.id }, role: "OWNER" });
    expect(ctx?.scope.teamId).toBe(a.team.id);

    testSession.cookies.set("hindsight-team", b.team.id);
    expect(await getTeamContext()).toMatchObject({ team: { id: b.team.id }, role: "VIEWER" });

    // Roles are read on every request: a demotion counts on the next one.
    await testDb.membership.updateMany({
      where: { teamId: b.team.id, userId: a.owner.id },
      data: { role: "EDITOR" },
    });
    expect(await getTeamContext()).toMatchObject({ team: { id: b.team.id }, role: "EDITOR" });
  });

  it("an unknown token is nobody; a user without a team has no team context", async () => {
    const loner = await createUser("Loner");
    signInAs(loner.id); // what Auth.js would say; not asked for an unknown token
    testSession.cookies.set("authjs.session-token", "no-such-session");
    expect(await getCurrentUser()).toBeNull();

    await sessionCookie(loner.id, new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000));
    expect((await getCurrentUser())?.id).toBe(loner.id);
    expect(await getTeamContext()).toBeNull();
  });

  it("a session due for renewal or expired goes through Auth.js, which renews or deletes it", async () => {
    const a = await createTeamWithMembers("Renew");
    // Auth.js (mocked by the test setup) answers with the owner: its answer is the one used.
    signInAs(a.owner.id);
    await sessionCookie(a.viewer.id, new Date(Date.now() + 2 * DAY));
    expect(await getTeamContext()).toMatchObject({ user: { id: a.owner.id }, role: "OWNER" });

    // Expired: Auth.js deletes it and answers nobody.
    signInAs(null);
    await sessionCookie(a.viewer.id, new Date(Date.now() - 1000));
    expect(await getCurrentUser()).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { createIncident, createTeamWithMembers, createUser, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import { requireTeam } from "@/lib/auth/session";
import { countInvitationsForUser } from "./data";
import { redirectOf } from "@/test/actions";

/** A published report of another team shared with `email` through the portal. */
async function grantPortalAccess(email: string) {
  const t = await createTeamWithMembers("Publisher");
  const incident = await createIncident(t.team.id, t.owner.id);
  const report = await testDb.report.create({ data: { incidentId: incident.id } });
  const version = await testDb.reportVersion.create({
    data: { reportId: report.id, number: 1, snapshot: {}, title: "AAR", publishedById: t.owner.id },
  });
  await testDb.stakeholderGrant.create({ data: { reportVersionId: version.id, email } });
  return t;
}

describe("where someone without a team lands", () => {
  it("sends a newcomer to onboarding", async () => {
    const user = await createUser("Newcomer");
    signInAs(user.id);
    expect(await redirectOf(requireTeam("/"))).toBe("/onboarding");
  });

  it("sends a stakeholder to the portal, unless an invitation to a team is waiting", async () => {
    const user = await createUser("Stakeholder");
    const publisher = await grantPortalAccess(user.email);
    signInAs(user.id);
    expect(await redirectOf(requireTeam("/"))).toBe("/portal");

    const expired = await testDb.invitation.create({
      data: {
        teamId: publisher.team.id,
        email: user.email,
        role: "VIEWER",
        invitedById: publisher.owner.id,
        createdAt: new Date(Date.now() - 15 * 86_400_000),
      },
    });
    expect(await redirectOf(requireTeam("/"))).toBe("/portal");

    await testDb.invitation.update({ where: { id: expired.id }, data: { createdAt: new Date() } });
    expect(await redirectOf(requireTeam("/"))).toBe("/onboarding");
  });

  it("sends a signed-out visitor to sign-in with the way back", async () => {
    signInAs(null);
    expect(await redirectOf(requireTeam("/settings/members"))).toBe(
      "/sign-in?callbackUrl=%2Fsettings%2Fmembers",
    );
  });
});

describe("invitations waiting for someone already in a team", () => {
  it("counts live invitations to teams they are not in yet", async () => {
    const mine = await createTeamWithMembers("Mine");
    const other = await createTeamWithMembers("Other");
    const invite = (teamId: string, invitedById: string, createdAt = new Date()) =>
      testDb.invitation.create({
        data: {
          teamId,
          email: mine.editor.email.toUpperCase(),
          role: "VIEWER",
          invitedById,
          createdAt,
        },
      });
    await invite(other.team.id, other.owner.id);
    await invite(mine.team.id, mine.owner.id); // already a member there
    await invite(other.team.id, other.owner.id, new Date(Date.now() - 20 * 86_400_000)); // expired
    expect(await countInvitationsForUser(mine.editor.id, mine.editor.email)).toBe(1);
  });
});

// Issue 8, item 13: the invitation page never shows the invited address to someone else.
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import InvitationPage from "@/app/invitations/[id]/page";
import { createTeamWithMembers, createUser, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";

it("tells a signed-in user who is not the invitee only that it is for someone else", async () => {
  const t = await createTeamWithMembers("Invites");
  const invitedEmail = `secret.invitee.${Date.now()}@example.test`;
  const invitation = await testDb.invitation.create({
    data: { teamId: t.team.id, email: invitedEmail, role: "VIEWER", invitedById: t.owner.id },
  });
  const stranger = await createUser("Stranger");
  signInAs(stranger.id);
  const html = renderToStaticMarkup(
    await InvitationPage({ params: Promise.resolve({ id: invitation.id }) }),
  );
  expect(html).toContain("This invitation is for someone else");
  expect(html).toContain(stranger.email);
  expect(html).not.toContain(invitedEmail);
  expect(html.toLowerCase()).not.toContain("secret.invitee");
});

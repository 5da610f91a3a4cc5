import "server-only";
import { sendMail, simpleHtmlEmail } from "@/lib/email/send";
import { env } from "@/lib/env";
import { INVITATION_TTL_DAYS } from "./invitations";

/** Acceptance page path for an invitation; also the sign-in callback the emailed link carries. */
export const invitationPath = (invitationId: string) => `/invitations/${invitationId}`;

/** The emailed link: sign-in first, then straight back to the acceptance page. */
export function invitationUrl(invitationId: string) {
  const url = new URL("/sign-in", env().APP_URL);
  url.searchParams.set("callbackUrl", invitationPath(invitationId));
  return url.toString();
}

export async function sendInvitationEmail(
  invitation: { id: string; email: string; role: string; createdAt: Date; team: { name: string } },
  inviter: { name: string | null; email: string },
  teamId?: string,
) {
  const who = inviter.name ? `${inviter.name} (${inviter.email})` : inviter.email;
  const role = invitation.role.toLowerCase();
  const url = invitationUrl(invitation.id);
  const lines = [
    `${who} invited you to join ${invitation.team.name} on Hindsight as ${role === "editor" ? "an editor" : `a ${role}`}.`,
    `Sign in with this address (${invitation.email}) to accept. The invitation expires in ${INVITATION_TTL_DAYS} days.`,
  ];
  // One email per invitation and renewal: a retried action cannot send the same one twice.
  const key = `invitation:${invitation.id}:${invitation.createdAt.toISOString()}`;
  await sendMail(
    {
      to: invitation.email,
      subject: `Join ${invitation.team.name} on Hindsight`,
      text: `${lines.join("\n\n")}\n\n${url}\n\nIf you did not expect this invitation, ignore this email.`,
      html: simpleHtmlEmail({
        heading: `Join ${invitation.team.name} on Hindsight`,
        paragraphs: [...lines, "If you did not expect this invitation, ignore this email."],
        actionLabel: "Accept invitation",
        actionUrl: url,
      }),
    },
    { key, limit: { teamId, field: "email" } },
  );
}

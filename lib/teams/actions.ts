"use server";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { signOut } from "@/lib/auth/config";
import { safeReturnPath } from "@/lib/auth/return-url";
import { ACTIVE_TEAM_COOKIE } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { RuleError } from "@/lib/errors";
import { roleLabel } from "@/lib/labels";
import { EmailRateLimitError } from "@/lib/rate-limit/email";
import { defineAction } from "@/lib/server/action";
import { findOwnMembership, isMember } from "./data";
import { checkLogo, LOGO_MAX_BYTES } from "./logo";
import { invitationPath, sendInvitationEmail } from "./invitation-email";
import {
  acceptInvitation,
  changeRole,
  createInvitation,
  createTeam,
  removeMember,
  removeTeamLogo,
  setTeamLogo,
  renameTeam,
  renewInvitation,
  revokeInvitation,
  updateProfile,
} from "./mutations";
import {
  changeRoleSchema,
  createTeamSchema,
  invitationIdSchema,
  inviteSchema,
  membershipIdSchema,
  profileSchema,
  renameTeamSchema,
  switchTeamSchema,
} from "./schema";
import { errorFields, log } from "@/lib/log";

async function setActiveTeam(teamId: string) {
  // Secure whenever the app is served over https, like Auth.js's session cookie.
  const secure = env().APP_URL.startsWith("https:");
  (await cookies()).set(ACTIVE_TEAM_COOKIE, teamId, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    secure,
  });
}

// Team membership changes what every page shows (header, switcher, lists).
const everything = [{ path: "/", type: "layout" as const }];

export const createTeamAction = defineAction({
  permission: "signed-in",
  input: createTeamSchema,
  run: async ({ user, input }) => {
    const team = await createTeam(user.id, input.name);
    await setActiveTeam(team.id);
  },
  revalidate: everything,
  redirect: "/",
});

export const switchTeamAction = defineAction({
  permission: "signed-in",
  input: switchTeamSchema.extend({ returnTo: z.string().optional() }),
  invalidMessage: "Choose a team.",
  run: async ({ user, input }) => {
    if (!(await isMember(user.id, input.teamId)))
      throw new RuleError("You are not a member of that team.", "teamId");
    await setActiveTeam(input.teamId);
  },
  revalidate: everything,
  redirect: (_r, input) => safeReturnPath(input.returnTo),
});

export const renameTeamAction = defineAction({
  permission: "team:manage",
  input: renameTeamSchema,
  run: ({ scope, user, input }) => renameTeam(scope, user.id, input.name),
  revalidate: everything,
  message: (_r, input) => `Team renamed to ${input.name}.`,
});

export const updateProfileAction = defineAction({
  permission: "signed-in",
  // A form without the zone picker means "no zone chosen".
  input: z.preprocess(
    (raw) => ({ timeZone: "", ...(raw && typeof raw === "object" ? raw : {}) }),
    profileSchema,
  ),
  run: ({ user, input }) => updateProfile(user.id, input),
  revalidate: everything,
  message: "Profile saved.",
});

export const inviteMemberAction = defineAction({
  permission: "team:manage",
  input: inviteSchema,
  run: async ({ scope, user, input }) => {
    const invitation = await createInvitation(scope, user.id, input);
    try {
      await sendInvitationEmail(invitation, user, scope.teamId);
      return { email: invitation.email, sent: true, limited: null };
    } catch (error) {
      log.error(errorFields(error), "invitation email failed");
      return {
        email: invitation.email,
        sent: false,
        limited: error instanceof EmailRateLimitError ? error.message : null,
      };
    }
  },
  revalidate: ["/settings/members"],
  message: ({ email, sent, limited }) =>
    sent
      ? `Invitation sent to ${email}.`
      : limited
        ? `Invitation for ${email} saved, but not emailed: ${limited}`
        : `Invitation for ${email} saved, but the email could not be sent. Use “Resend” to try again.`,
});

export const revokeInvitationAction = defineAction({
  permission: "team:manage",
  input: invitationIdSchema,
  run: ({ scope, user, input }) => revokeInvitation(scope, user.id, input.invitationId),
  revalidate: ["/settings/members"],
  message: (inv) => `Invitation for ${inv.email} revoked.`,
});

export const resendInvitationAction = defineAction({
  permission: "team:manage",
  input: invitationIdSchema,
  run: async ({ scope, user, input }) => {
    const inv = await renewInvitation(scope, user.id, input.invitationId);
    // The renewal is saved even when the email fails: show the new expiry either way.
    revalidatePath("/settings/members");
    try {
      await sendInvitationEmail(inv, user, scope.teamId);
    } catch (error) {
      log.error(errorFields(error), "invitation email failed");
      if (error instanceof EmailRateLimitError) throw new RuleError(error.message);
      throw new RuleError(`The email to ${inv.email} could not be sent. Try again in a minute.`);
    }
    return inv;
  },
  message: (inv) => `Invitation sent again to ${inv.email}; it now expires in 14 days.`,
});

/** Any signed-in user whose address the invitation names (checked by the mutation). */
export const acceptInvitationAction = defineAction({
  permission: "signed-in",
  input: invitationIdSchema,
  run: async ({ user, input }) => {
    const joined = await acceptInvitation(user, input.invitationId);
    await setActiveTeam(joined.teamId);
  },
  revalidate: everything,
  redirect: "/",
});

export const changeRoleAction = defineAction({
  permission: "team:manage",
  input: changeRoleSchema,
  run: ({ scope, user, input }) => changeRole(scope, user.id, input.membershipId, input.role),
  revalidate: ["/settings/members"],
  message: (updated, input) =>
    updated.changed ? `Role changed to ${roleLabel(input.role).toLowerCase()}.` : "Role unchanged.",
});

export const removeMemberAction = defineAction({
  permission: "team:manage",
  input: membershipIdSchema,
  run: async ({ ctx, input }) => ({
    ...(await removeMember(ctx.scope, ctx.user.id, input.membershipId)),
    teamName: ctx.team.name,
  }),
  revalidate: ["/settings/members"],
  message: (removed) =>
    `${removed.user.name ?? removed.user.email} was removed from ${removed.teamName}.`,
});

export const leaveTeamAction = defineAction({
  permission: "team:leave",
  input: z.object({}),
  run: async ({ scope, user }) => {
    const own = await findOwnMembership(scope, user.id);
    if (!own) throw new RuleError("You are not a member of this team.");
    await removeMember(scope, user.id, own.id);
    (await cookies()).delete(ACTIVE_TEAM_COOKIE);
  },
  revalidate: everything,
  redirect: "/",
});

/**
 * Signed in with the wrong address for an invitation: sign out and come back to it after
 * signing in again. Public: signing out needs no permission, and works on an ended session.
 */
export const signOutForInvitationAction = defineAction({
  permission: "public",
  input: invitationIdSchema,
  run: async ({ input }) => {
    await signOut({
      redirectTo: `/sign-in?callbackUrl=${encodeURIComponent(invitationPath(input.invitationId))}`,
    });
  },
});

/** Owners upload the logo that heads shared reports, their emails and PDFs. */
export const uploadTeamLogoAction = defineAction({
  permission: "team:manage",
  input: z.object({
    logo: z
      .instanceof(File, { error: "Choose an image file." })
      .refine((f) => f.size > 0, "Choose an image file."),
  }),
  run: async ({ scope, user, input }) => {
    if (input.logo.size > LOGO_MAX_BYTES)
      throw new RuleError(
        `The logo can be at most ${LOGO_MAX_BYTES / 1024} KB; this file is ${Math.ceil(input.logo.size / 1024)} KB.`,
        "logo",
      );
    const bytes = new Uint8Array(await input.logo.arrayBuffer());
    const checked = checkLogo(bytes);
    if (!checked.ok) throw new RuleError(checked.message, "logo");
    await setTeamLogo(scope, user.id, {
      bytes,
      contentType: checked.info.type,
      width: checked.info.width,
      height: checked.info.height,
    });
  },
  revalidate: ["/settings"],
  message: "Logo saved. Reports published from now on carry it.",
});

export const removeTeamLogoAction = defineAction({
  permission: "team:manage",
  input: z.object({}),
  run: ({ scope, user }) => removeTeamLogo(scope, user.id),
  revalidate: ["/settings"],
  message: "Logo removed. Reports already published keep theirs.",
});

"use server";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { failure, invalid, type ActionResult } from "@/lib/action-result";
import { signOut } from "@/lib/auth/config";
import { safeReturnPath } from "@/lib/auth/return-url";
import { ACTIVE_TEAM_COOKIE, authorize, getCurrentUser, getTeamContext } from "@/lib/auth/session";
import { runAction } from "@/lib/run-action";
import { findOwnMembership, isMember } from "./data";
import { invitationPath, sendInvitationEmail } from "./invitation-email";
import { acceptInvitation, changeRole, createInvitation, createTeam, removeMember, renameTeam, renewInvitation, revokeInvitation, updateProfile } from "./mutations";
import { changeRoleSchema, createTeamSchema, invitationIdSchema, inviteSchema, membershipIdSchema, profileSchema, renameTeamSchema, switchTeamSchema } from "./schema";

const SESSION_ENDED = "Your session has ended. Sign in again.";

async function setActiveTeam(teamId: string) {
  (await cookies()).set(ACTIVE_TEAM_COOKIE, teamId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
}


export async function createTeamAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return failure(SESSION_ENDED);
  const parsed = createTeamSchema.safeParse({ name: formData.get("name") });
  if (!parsed.success) return invalid(parsed.error);
  const team = await createTeam(user.id, parsed.data.name);
  await setActiveTeam(team.id);
  revalidatePath("/", "layout");
  redirect("/");
}

export async function switchTeamAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return failure(SESSION_ENDED);
  const parsed = switchTeamSchema.safeParse({ teamId: formData.get("teamId") });
  if (!parsed.success) return invalid(parsed.error, "Choose a team.");
  if (!(await isMember(user.id, parsed.data.teamId))) return failure("You are not a member of that team.", { teamId: ["You are not a member of that team."] });
  await setActiveTeam(parsed.data.teamId);
  revalidatePath("/", "layout");
  redirect(safeReturnPath(formData.get("returnTo")));
}

export async function renameTeamAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const ctx = await authorize("team:manage");
    const { name } = renameTeamSchema.parse({ name: formData.get("name") });
    await renameTeam(ctx.user.id, ctx.team.id, name);
    revalidatePath("/", "layout");
    return { ok: true, message: `Team renamed to ${name}.` };
  });
}

export async function updateProfileAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const user = await getCurrentUser();
    if (!user) return failure(SESSION_ENDED);
    const profile = profileSchema.parse({ name: formData.get("name"), timeZone: formData.get("timeZone") ?? "" });
    await updateProfile(user.id, profile);
    revalidatePath("/", "layout");
    return { ok: true, message: "Profile saved." };
  });
}

export async function inviteMemberAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const ctx = await authorize("team:manage");
    const input = inviteSchema.parse({ email: formData.get("email"), role: formData.get("role") });
    const invitation = await createInvitation(ctx.user.id, ctx.team.id, input);
    revalidatePath("/settings/members");
    try {
      await sendInvitationEmail(invitation, ctx.user);
    } catch (error) {
      console.error("[hindsight] invitation email failed:", error instanceof Error ? error.message : error);
      return { ok: true, message: `Invitation for ${invitation.email} saved, but the email could not be sent. Use “Resend” to try again.` };
    }
    return { ok: true, message: `Invitation sent to ${invitation.email}.` };
  });
}

export async function revokeInvitationAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const ctx = await authorize("team:manage");
    const { invitationId } = invitationIdSchema.parse({ invitationId: formData.get("invitationId") });
    const inv = await revokeInvitation(ctx.user.id, ctx.team.id, invitationId);
    revalidatePath("/settings/members");
    return { ok: true, message: `Invitation for ${inv.email} revoked.` };
  });
}

export async function resendInvitationAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const ctx = await authorize("team:manage");
    const { invitationId } = invitationIdSchema.parse({ invitationId: formData.get("invitationId") });
    const inv = await renewInvitation(ctx.user.id, ctx.team.id, invitationId);
    revalidatePath("/settings/members");
    try {
      await sendInvitationEmail(inv, ctx.user);
    } catch (error) {
      console.error("[hindsight] invitation email failed:", error instanceof Error ? error.message : error);
      return failure(`The email to ${inv.email} could not be sent. Try again in a minute.`);
    }
    return { ok: true, message: `Invitation sent again to ${inv.email}; it now expires in 14 days.` };
  });
}

export async function acceptInvitationAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await runAction<{ teamId: string }>(async () => {
    const user = await getCurrentUser();
    if (!user) return failure(SESSION_ENDED);
    const { invitationId } = invitationIdSchema.parse({ invitationId: formData.get("invitationId") });
    const joined = await acceptInvitation(user, invitationId);
    return { ok: true, data: { teamId: joined.teamId } };
  });
  if (!result.ok) return result;
  if (result.data) await setActiveTeam(result.data.teamId);
  revalidatePath("/", "layout");
  redirect("/");
}

export async function changeRoleAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const ctx = await authorize("team:manage");
    const { membershipId, role } = changeRoleSchema.parse({ membershipId: formData.get("membershipId"), role: formData.get("role") });
    const updated = await changeRole(ctx.user.id, ctx.team.id, membershipId, role);
    revalidatePath("/settings/members");
    return { ok: true, message: updated.changed ? `Role changed to ${role.toLowerCase()}.` : "Role unchanged." };
  });
}

export async function removeMemberAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const ctx = await authorize("team:manage");
    const { membershipId } = membershipIdSchema.parse({ membershipId: formData.get("membershipId") });
    const removed = await removeMember(ctx.user.id, ctx.team.id, membershipId);
    revalidatePath("/settings/members");
    return { ok: true, message: `${removed.user.name ?? removed.user.email} was removed from ${ctx.team.name}.` };
  });
}

export async function leaveTeamAction(_prev: ActionResult, _formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const ctx = await getTeamContext();
    if (!ctx) return failure(SESSION_ENDED);
    const own = await findOwnMembership(ctx.user.id, ctx.team.id);
    if (!own) return failure("You are not a member of this team.");
    await removeMember(ctx.user.id, ctx.team.id, own.id);
    return { ok: true };
  });
  if (!result.ok) return result;
  (await cookies()).delete(ACTIVE_TEAM_COOKIE);
  revalidatePath("/", "layout");
  redirect("/");
}

/** Signed in with the wrong address for an invitation: sign out and come back to it after signing in again. */
export async function signOutForInvitationAction(formData: FormData) {
  const { invitationId } = invitationIdSchema.parse({ invitationId: formData.get("invitationId") });
  await signOut({ redirectTo: `/sign-in?callbackUrl=${encodeURIComponent(invitationPath(invitationId))}` });
}

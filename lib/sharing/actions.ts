"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { signIn } from "@/lib/auth/config";
import { authorize, type TeamContext } from "@/lib/auth/session";
import { authorizeIncident } from "@/lib/incidents/access";
import { NotFoundError, RuleError } from "@/lib/errors";
import { getPublishedVersion } from "@/lib/reports/data";
import { runAction } from "@/lib/run-action";
import { getSharingPolicy, latestPublishedVersion } from "./data";
import { createShares, resendShare, revokeGrant, revokeShare, updateSharingSettings } from "./mutations";
import { clientAddress } from "./rate-limit";
import { shareSchema, sharingSettingsSchema } from "./schema";
import { lifetimeProblem, maskEmail, modeProblem } from "./tokens";
import { resolveShareToken } from "./view";

const sharePath = (incidentId: string) => `/incidents/${incidentId}/report/share`;

function actorOf(ctx: TeamContext) {
  return { id: ctx.user.id, name: ctx.user.name, email: ctx.user.email };
}

/** The version a share sends: the newest published one, with its frozen snapshot. */
async function shareableVersion(teamId: string, incidentId: string) {
  const latest = await latestPublishedVersion(teamId, incidentId);
  if (!latest) throw new RuleError("This report has not been published yet. Publish it before sharing.");
  const version = await getPublishedVersion(latest.id);
  if (!version || version.teamId !== teamId) throw new NotFoundError("Report version");
  return version;
}

export async function shareReportAction(incidentId: string, _prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const { ctx, incident } = await authorizeIncident(incidentId, "report:share");
    const input = shareSchema.parse({
      recipients: formData.get("recipients") ?? "",
      message: formData.get("message") ?? undefined,
      days: formData.get("days"),
      mode: formData.get("mode"),
    });
    const policy = await getSharingPolicy(ctx.team.id);
    if (!policy) throw new NotFoundError("Team");
    const lifetime = lifetimeProblem(input.days, policy);
    if (lifetime) throw new RuleError(lifetime, "days");
    const mode = modeProblem(input.mode, policy);
    if (mode) throw new RuleError(mode, "mode");
    const version = await shareableVersion(ctx.team.id, incident.id);
    const count = await createShares({ version, actor: actorOf(ctx), input, now: new Date() });
    revalidatePath(sharePath(incident.id));
    return { ok: true, message: count === 1 ? `Shared with ${input.recipients[0]}. The email is on its way.` : `Shared with ${count} people. The emails are on their way.` };
  });
}

export async function revokeShareAction(incidentId: string, shareId: string, _prev: ActionResult): Promise<ActionResult> {
  return runAction(async () => {
    const { ctx, incident } = await authorizeIncident(incidentId, "report:share");
    const email = await revokeShare({ teamId: ctx.team.id, incidentId: incident.id, shareId, actorId: ctx.user.id, now: new Date() });
    revalidatePath(sharePath(incident.id));
    return { ok: true, message: `Revoked the link for ${email}.` };
  });
}

export async function resendShareAction(incidentId: string, shareId: string, _prev: ActionResult): Promise<ActionResult> {
  return runAction(async () => {
    const { ctx, incident } = await authorizeIncident(incidentId, "report:share");
    const email = await resendShare({ teamId: ctx.team.id, incidentId: incident.id, shareId, actor: actorOf(ctx), now: new Date() });
    revalidatePath(sharePath(incident.id));
    return { ok: true, message: `Sent a new link to ${email}; the previous link no longer works.` };
  });
}

export async function revokeGrantAction(incidentId: string, grantId: string, _prev: ActionResult): Promise<ActionResult> {
  return runAction(async () => {
    const { ctx, incident } = await authorizeIncident(incidentId, "team:manage");
    const email = await revokeGrant({ teamId: ctx.team.id, incidentId: incident.id, grantId, actorId: ctx.user.id, now: new Date() });
    revalidatePath(sharePath(incident.id));
    return { ok: true, message: `${email} can no longer read this report.` };
  });
}

export async function updateSharingSettingsAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const ctx = await authorize("team:manage");
    const input = sharingSettingsSchema.parse({
      shareLinkDefaultDays: formData.get("shareLinkDefaultDays"),
      shareLinkMaxDays: formData.get("shareLinkMaxDays"),
      allowAnonymousShareLink: formData.get("allowAnonymousShareLink") ?? false,
    });
    await updateSharingSettings({ teamId: ctx.team.id, actorId: ctx.user.id, input });
    revalidatePath("/settings/sharing");
    return { ok: true, message: "Sharing settings saved." };
  });
}

/**
 * "Recipient must confirm their email": sends a one-time sign-in link to the address the
 * report was shared with (never to an address the visitor types), returning to the report.
 */
export async function requestShareConfirmationAction(token: string, _prev: ActionResult): Promise<ActionResult> {
  const { access, link } = await resolveShareToken(token, { client: clientAddress(await headers()), now: new Date() });
  if (access?.kind === "limited") return { ok: false, message: `Too many attempts. Try again in ${access.retryAfterSeconds} seconds.` };
  if (!link) return { ok: false, message: "This link is not valid." };
  await signIn("nodemailer", { email: link.recipientEmail, redirectTo: `/r/${token}`, redirect: false });
  return { ok: true, message: `We sent a sign-in link to ${maskEmail(link.recipientEmail)}. Open it on this device to read the report.` };
}

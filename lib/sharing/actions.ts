"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { signIn } from "@/lib/auth/config";
import type { CurrentUser } from "@/lib/auth/session";
import type { TeamScope } from "@/lib/auth/scope";
import { NotFoundError, RuleError } from "@/lib/errors";
import { getPublishedVersion } from "@/lib/reports/data";
import { defineAction } from "@/lib/server/action";
import { getSharingPolicy, latestPublishedVersion } from "./data";
import {
  createShares,
  resendShare,
  revokeGrant,
  revokeShare,
  updateSharingSettings,
} from "./mutations";
import { clientAddress } from "./rate-limit";
import { shareSchema, sharingSettingsSchema } from "./schema";
import { lifetimeProblem, maskEmail, modeProblem } from "./tokens";
import { resolveShareToken } from "./view";

const id = z.string().min(1).max(64);
const sharePaths = (_r: unknown, input: { incidentId: string }) => [
  `/incidents/${input.incidentId}/report/share`,
];

function actorOf(user: CurrentUser) {
  return { id: user.id, name: user.name, email: user.email };
}

/** The version a share sends: the newest published one, with its frozen snapshot. */
async function shareableVersion(scope: TeamScope, incidentId: string) {
  const latest = await latestPublishedVersion(scope, incidentId);
  if (!latest)
    throw new RuleError("This report has not been published yet. Publish it before sharing.");
  const version = await getPublishedVersion(latest.id);
  if (!version || version.teamId !== scope.teamId) throw new NotFoundError("Report version");
  return version;
}

/** Bound: the incident id. */
export const shareReportAction = defineAction({
  permission: "report:share",
  bind: ["incidentId"],
  input: shareSchema.extend({ incidentId: id }),
  incident: (input) => input.incidentId,
  run: async ({ scope, user, incident, input }) => {
    const policy = await getSharingPolicy(scope);
    if (!policy) throw new NotFoundError("Team");
    const lifetime = lifetimeProblem(input.days, policy);
    if (lifetime) throw new RuleError(lifetime, "days");
    const mode = modeProblem(input.mode, policy);
    if (mode) throw new RuleError(mode, "mode");
    const version = await shareableVersion(scope, incident.id);
    return createShares({ version, actor: actorOf(user), input, now: new Date() });
  },
  revalidate: sharePaths,
  message: (count, input) =>
    count === 1
      ? `Shared with ${input.recipients[0]}. The email is on its way.`
      : `Shared with ${count} people. The emails are on their way.`,
});

/** Bound: the incident and the share link. */
export const revokeShareAction = defineAction({
  permission: "report:share",
  bind: ["incidentId", "shareId"],
  input: z.object({ incidentId: id, shareId: id }),
  incident: (input) => input.incidentId,
  run: ({ scope, user, incident, input }) =>
    revokeShare({
      scope,
      incidentId: incident.id,
      shareId: input.shareId,
      actorId: user.id,
      now: new Date(),
    }),
  revalidate: sharePaths,
  message: (email) => `Revoked the link for ${email}.`,
});

/** Bound: the incident and the share link. */
export const resendShareAction = defineAction({
  permission: "report:share",
  bind: ["incidentId", "shareId"],
  input: z.object({ incidentId: id, shareId: id }),
  incident: (input) => input.incidentId,
  run: ({ scope, user, incident, input }) =>
    resendShare({
      scope,
      incidentId: incident.id,
      shareId: input.shareId,
      actor: actorOf(user),
      now: new Date(),
    }),
  revalidate: sharePaths,
  message: (email) => `Sent a new link to ${email}; the previous link no longer works.`,
});

/** Bound: the incident and the portal grant. Owners only. */
export const revokeGrantAction = defineAction({
  permission: "team:manage",
  bind: ["incidentId", "grantId"],
  input: z.object({ incidentId: id, grantId: id }),
  incident: (input) => input.incidentId,
  run: ({ scope, user, incident, input }) =>
    revokeGrant({
      scope,
      incidentId: incident.id,
      grantId: input.grantId,
      actorId: user.id,
      now: new Date(),
    }),
  revalidate: sharePaths,
  message: (email) => `${email} can no longer read this report.`,
});

export const updateSharingSettingsAction = defineAction({
  permission: "team:manage",
  input: sharingSettingsSchema,
  run: ({ scope, user, input }) => updateSharingSettings({ scope, actorId: user.id, input }),
  revalidate: ["/settings/sharing"],
  message: "Sharing settings saved.",
});

/**
 * "Recipient must confirm their email": sends a one-time sign-in link to the address the
 * report was shared with (never to an address the visitor types), returning to the report.
 * Public: the visitor has no session yet; the token is the authority. Bound: the token.
 */
export const requestShareConfirmationAction = defineAction({
  permission: "public",
  bind: ["token"],
  input: z.object({ token: z.string().min(1).max(200) }),
  run: async ({ input }) => {
    const { access, link } = await resolveShareToken(input.token, {
      client: clientAddress(await headers()),
      now: new Date(),
    });
    if (access?.kind === "limited")
      throw new RuleError(`Too many attempts. Try again in ${access.retryAfterSeconds} seconds.`);
    if (!link) throw new RuleError("This link is not valid.");
    await signIn("nodemailer", {
      email: link.recipientEmail,
      redirectTo: `/r/${input.token}`,
      redirect: false,
    });
    return maskEmail(link.recipientEmail);
  },
  message: (masked) =>
    `We sent a sign-in link to ${masked}. Open it on this device to read the report.`,
});

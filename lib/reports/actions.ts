"use server";
import { z } from "zod";
import { incidentKey } from "@/lib/incidents/constants";
import { defineAction } from "@/lib/server/action";
import { asList } from "@/lib/server/form-data";
import {
  addComment,
  ensureTeamTemplates,
  decideReview,
  publishReport,
  reopenReport,
  requestReview,
  resolveComment,
  saveNarrative,
  setReportTemplate,
  updateTemplate,
  withdrawReview,
} from "./mutations";
import {
  baseVersionSchema,
  commentSchema,
  decisionSchema,
  requestReviewSchema,
  saveNarrativeSchema,
  setTemplateSchema,
  templateFormSchema,
} from "./schema";
import { getUsersByIds } from "./data";
import { sendReviewRequestEmails } from "./review-email";
import { EmailRateLimitError } from "@/lib/rate-limit/email";

// Every report action is bound to its incident (`action.bind(null, incident.id)`); the builder
// checks the incident is the caller's team's and the role may write (or publish) reports.
const incidentId = z.object({ incidentId: z.string().min(1).max(64) });
const onIncident = <S extends z.ZodType>(schema: S) => z.intersection(incidentId, schema);
const reportPaths = (_r: unknown, input: { incidentId: string }) => [
  `/incidents/${input.incidentId}/report`,
];
const bound = {
  bind: ["incidentId"],
  incident: (input: { incidentId: string }) => input.incidentId,
  revalidate: reportPaths,
} as const;

/** Autosave: called from the editor with the fields changed since the last save. */
export const saveNarrativeAction = defineAction({
  ...bound,
  permission: "report:write",
  input: onIncident(saveNarrativeSchema),
  run: ({ ctx, incident, input }) =>
    saveNarrative({ scope: ctx.scope, userId: ctx.user.id, role: ctx.role }, incident.id, input),
  message: "Saved",
});

export const setReportTemplateAction = defineAction({
  ...bound,
  permission: "report:write",
  input: onIncident(setTemplateSchema),
  run: async ({ ctx, incident, input }) => {
    await setReportTemplate(
      { scope: ctx.scope, userId: ctx.user.id, role: ctx.role },
      incident.id,
      input.baseVersion,
      input.templateId,
    );
  },
  message: "Template changed. Your text is kept.",
});

export const requestReviewAction = defineAction({
  ...bound,
  permission: "report:write",
  input: onIncident(
    z.preprocess(
      (raw) => ({
        ...(raw as object),
        reviewerIds: asList((raw as { reviewerIds?: unknown })?.reviewerIds),
      }),
      requestReviewSchema,
    ),
  ),
  run: async ({ ctx, incident, input }) => {
    const actor = { scope: ctx.scope, userId: ctx.user.id, role: ctx.role };
    const requested = await requestReview(
      actor,
      incident.id,
      input.baseVersion,
      input.reviewerIds,
      input.confirmEmpty,
    );
    try {
      await sendReviewRequestEmails({
        teamId: actor.scope.teamId,
        reportId: requested.reportId,
        incidentId: incident.id,
        incidentLabel: `${incidentKey(incident.number)}: ${incident.title}`,
        round: requested.round,
        requester: ctx.user,
        reviewers: await getUsersByIds(actor.scope, requested.reviewerIds),
      });
      return { emailed: true, limited: null };
    } catch (error) {
      // The review itself is requested; only the notification failed (or hit a sending limit).
      return {
        emailed: false,
        limited: error instanceof EmailRateLimitError ? error.message : null,
      };
    }
  },
  message: ({ emailed, limited }) =>
    emailed
      ? "Review requested. Reviewers were emailed."
      : limited
        ? `Review requested, but not every reviewer was emailed: ${limited}`
        : "Review requested. The email to reviewers could not be queued; let them know directly.",
});

export const decideReviewAction = defineAction({
  ...bound,
  permission: "report:write",
  input: onIncident(decisionSchema),
  run: async ({ ctx, incident, input }) => {
    await decideReview(
      { scope: ctx.scope, userId: ctx.user.id, role: ctx.role },
      incident.id,
      input.decision,
      { sectionKey: input.sectionKey, body: input.body },
    );
  },
  message: (_r, input) =>
    input.decision === "APPROVED"
      ? "You approved the report."
      : "You requested changes. The report is back in draft.",
});

export const addCommentAction = defineAction({
  ...bound,
  permission: "report:write",
  input: onIncident(commentSchema),
  run: async ({ ctx, incident, input }) => {
    await addComment(
      { scope: ctx.scope, userId: ctx.user.id, role: ctx.role },
      incident.id,
      input.sectionKey,
      input.body,
    );
  },
  message: "Comment added.",
});

/** Bound: the incident and the comment (`action.bind(null, incident.id, comment.id)`). */
export const resolveCommentAction = defineAction({
  ...bound,
  bind: ["incidentId", "commentId"],
  permission: "report:write",
  input: incidentId.extend({ commentId: z.string().min(1).max(64) }),
  run: async ({ ctx, incident, input }) => {
    await resolveComment(
      { scope: ctx.scope, userId: ctx.user.id, role: ctx.role },
      incident.id,
      input.commentId,
    );
  },
  message: "Comment resolved.",
});

export const withdrawReviewAction = defineAction({
  ...bound,
  permission: "report:write",
  input: onIncident(baseVersionSchema),
  run: async ({ ctx, incident, input }) => {
    await withdrawReview(
      { scope: ctx.scope, userId: ctx.user.id, role: ctx.role },
      incident.id,
      input.baseVersion,
    );
  },
  message: "The report is back in draft.",
});

export const reopenReportAction = defineAction({
  ...bound,
  permission: "report:write",
  input: onIncident(baseVersionSchema),
  run: async ({ ctx, incident, input }) => {
    await reopenReport(
      { scope: ctx.scope, userId: ctx.user.id, role: ctx.role },
      incident.id,
      input.baseVersion,
    );
  },
  message: "A new draft is open. Published versions are unchanged.",
});

export const publishReportAction = defineAction({
  ...bound,
  permission: "report:publish",
  input: onIncident(baseVersionSchema),
  run: async ({ ctx, incident, input }) => {
    const version = await publishReport(
      { scope: ctx.scope, userId: ctx.user.id, role: ctx.role },
      incident.id,
      input.baseVersion,
    );
    return { number: version.number };
  },
  message: ({ number }) => `Published version ${number}.`,
});

/**
 * The template editor posts one row per section: sectionKey (repeated, in the chosen order),
 * then title.<key>, prompt.<key>, enabled.<key>, internal.<key>, required.<key> (checkboxes)
 * and fields.<key> (repeated).
 */
function templateFromForm(raw: unknown) {
  const f = (raw ?? {}) as Record<string, unknown>;
  return {
    templateId: f.templateId,
    name: f.name ?? "",
    isDefault: f.isDefault === "on",
    sections: asList(f.sectionKey).map((key) => {
      const fields = asList(f[`fields.${key}`]).map(String).filter(Boolean);
      return {
        key,
        title: f[`title.${key}`] ?? "",
        prompt: f[`prompt.${key}`] ?? "",
        enabled: f[`enabled.${key}`] === "on",
        fields: fields.length ? fields : undefined,
        internal: f[`internal.${key}`] === "on" || undefined,
        required: f[`required.${key}`] === "on" || undefined,
      };
    }),
  };
}

/** Teams made before templates came with the team: an owner creates the built-in ones. */
export const setUpTemplatesAction = defineAction({
  permission: "template:manage",
  input: z.object({}),
  run: ({ scope, user }) => ensureTeamTemplates(scope, user.id),
  revalidate: ["/settings/templates"],
  message: "The built-in templates are ready to edit.",
});

export const updateTemplateAction = defineAction({
  permission: "template:manage",
  input: z.preprocess(templateFromForm, templateFormSchema),
  run: async ({ ctx, input }) => {
    await updateTemplate({ scope: ctx.scope, userId: ctx.user.id, role: ctx.role }, input);
  },
  revalidate: ["/settings/templates"],
  message: "Template saved. Existing drafts follow it and keep their text.",
});

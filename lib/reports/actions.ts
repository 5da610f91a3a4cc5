"use server";
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { authorize } from "@/lib/auth/session";
import { authorizeIncident } from "@/lib/incidents/access";
import { runAction } from "@/lib/run-action";
import {
  addComment,
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
import { baseVersionSchema, commentSchema, decisionSchema, requestReviewSchema, saveNarrativeSchema, setTemplateSchema, templateFormSchema } from "./schema";
import { getUsersByIds } from "./data";
import { sendReviewRequestEmails } from "./review-email";
import type { Narrative } from "./sections";

const reportPath = (incidentId: string) => `/incidents/${incidentId}/report`;

async function writer(incidentId: string, permission: "report:write" | "report:publish" = "report:write") {
  const { ctx, incident } = await authorizeIncident(incidentId, permission);
  return { actor: { teamId: ctx.team.id, userId: ctx.user.id, role: ctx.role }, incident, user: ctx.user };
}

/** Autosave: called from the editor with the fields changed since the last save. */
export async function saveNarrativeAction(incidentId: string, input: unknown): Promise<ActionResult<{ version: number; narrative: Narrative }>> {
  return runAction(async () => {
    const { actor } = await writer(incidentId);
    const data = saveNarrativeSchema.parse(input);
    const saved = await saveNarrative(actor, incidentId, data);
    revalidatePath(reportPath(incidentId));
    return { ok: true, message: "Saved", data: saved };
  });
}

export async function setReportTemplateAction(incidentId: string, _prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const { actor } = await writer(incidentId);
    const data = setTemplateSchema.parse({ baseVersion: formData.get("baseVersion"), templateId: formData.get("templateId") });
    await setReportTemplate(actor, incidentId, data.baseVersion, data.templateId);
    revalidatePath(reportPath(incidentId));
    return { ok: true, message: "Template changed. Your text is kept." };
  });
}

export async function requestReviewAction(incidentId: string, _prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const { actor, incident, user } = await writer(incidentId);
    const data = requestReviewSchema.parse({ baseVersion: formData.get("baseVersion"), reviewerIds: formData.getAll("reviewerIds").map(String) });
    const requested = await requestReview(actor, incidentId, data.baseVersion, data.reviewerIds);
    revalidatePath(reportPath(incidentId));
    try {
      await sendReviewRequestEmails({
        reportId: requested.reportId,
        incidentId,
        incidentLabel: `INC-${incident.number}: ${incident.title}`,
        round: requested.round,
        requester: user,
        reviewers: await getUsersByIds(actor.teamId, requested.reviewerIds),
      });
    } catch {
      return { ok: true, message: "Review requested. The email to reviewers could not be queued; let them know directly." };
    }
    return { ok: true, message: "Review requested. Reviewers were emailed." };
  });
}

export async function decideReviewAction(incidentId: string, _prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const { actor } = await writer(incidentId);
    const data = decisionSchema.parse({
      decision: formData.get("decision") ?? undefined,
      sectionKey: formData.get("sectionKey") || undefined,
      body: formData.get("body") ?? undefined,
    });
    await decideReview(actor, incidentId, data.decision, { sectionKey: data.sectionKey, body: data.body });
    revalidatePath(reportPath(incidentId));
    return { ok: true, message: data.decision === "APPROVED" ? "You approved the report." : "You requested changes. The report is back in draft." };
  });
}

export async function addCommentAction(incidentId: string, _prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const { actor } = await writer(incidentId);
    const data = commentSchema.parse({ sectionKey: formData.get("sectionKey"), body: formData.get("body") ?? "" });
    await addComment(actor, incidentId, data.sectionKey, data.body);
    revalidatePath(reportPath(incidentId));
    return { ok: true, message: "Comment added." };
  });
}

export async function resolveCommentAction(incidentId: string, commentId: string): Promise<ActionResult> {
  return runAction(async () => {
    const { actor } = await writer(incidentId);
    await resolveComment(actor, incidentId, String(commentId));
    revalidatePath(reportPath(incidentId));
    return { ok: true, message: "Comment resolved." };
  });
}

export async function withdrawReviewAction(incidentId: string, _prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const { actor } = await writer(incidentId);
    const { baseVersion } = baseVersionSchema.parse({ baseVersion: formData.get("baseVersion") });
    await withdrawReview(actor, incidentId, baseVersion);
    revalidatePath(reportPath(incidentId));
    return { ok: true, message: "The report is back in draft." };
  });
}

export async function reopenReportAction(incidentId: string, _prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const { actor } = await writer(incidentId);
    const { baseVersion } = baseVersionSchema.parse({ baseVersion: formData.get("baseVersion") });
    await reopenReport(actor, incidentId, baseVersion);
    revalidatePath(reportPath(incidentId));
    return { ok: true, message: "A new draft is open. Published versions are unchanged." };
  });
}

export async function publishReportAction(incidentId: string, _prev: ActionResult, formData: FormData): Promise<ActionResult<{ number: number }>> {
  return runAction(async () => {
    const { actor } = await writer(incidentId, "report:publish");
    const { baseVersion } = baseVersionSchema.parse({ baseVersion: formData.get("baseVersion") });
    const version = await publishReport(actor, incidentId, baseVersion);
    revalidatePath(reportPath(incidentId));
    return { ok: true, message: `Published version ${version.number}.`, data: { number: version.number } };
  });
}

export async function updateTemplateAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const ctx = await authorize("template:manage");
    const keys = formData.getAll("sectionKey").map(String);
    const data = templateFormSchema.parse({
      templateId: formData.get("templateId"),
      name: formData.get("name") ?? "",
      isDefault: formData.get("isDefault") === "on",
      sections: keys.map((key) => ({
        key,
        title: formData.get(`title.${key}`) ?? "",
        prompt: formData.get(`prompt.${key}`) ?? "",
        enabled: formData.get(`enabled.${key}`) === "on",
        fields: formData.getAll(`fields.${key}`).map(String).filter(Boolean).length ? formData.getAll(`fields.${key}`).map(String) : undefined,
      })),
    });
    await updateTemplate({ teamId: ctx.team.id, userId: ctx.user.id, role: ctx.role }, data);
    revalidatePath("/settings/templates");
    return { ok: true, message: "Template saved. Existing drafts follow it and keep their text." };
  });
}

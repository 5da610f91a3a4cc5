import "server-only";
import type { TeamActor, TeamScope } from "@/lib/auth/scope";
import type { Role } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/mutations";
import { recordVersionAttachments } from "@/lib/attachments/mutations";
import { db } from "@/lib/db";
import { ConflictError, InputError, NotFoundError, RuleError } from "@/lib/errors";
import { reportSearchSections } from "@/lib/search/report-text";
import type { Prisma } from "@/lib/generated/prisma/client";
import { currentContent } from "./approvals";
import {
  currentRound,
  findReport,
  listContributorIds,
  listRoundReviewers,
  reportRowSelect,
  type ReportRow,
} from "./data";
import {
  FULL_TEMPLATE_NAME,
  fullTemplateSections,
  LIGHTWEIGHT_TEMPLATE_NAME,
  lightweightTemplateSections,
  parseNarrative,
  type Narrative,
  type TemplateSection,
} from "./sections";
import type { SaveNarrativeInput } from "./schema";
import { toCustomerSnapshot } from "./customer";
import { renderPublishedReport } from "@/components/reports/report-html";
import { transition, type WorkflowCommand, type WorkflowState } from "./workflow";
import {
  CONFIRM_EMPTY_FIELD,
  emptySections,
  requiredSectionErrors,
  unconfirmedEmpty,
  unconfirmedMessage,
  type Step,
} from "./readiness";

type Tx = Prisma.TransactionClient;

interface Actor extends TeamActor {
  role: Role;
}

/**
 * Creates the team's built-in templates if it has none. Only write paths call it (a new team,
 * a report's first save, an owner setting templates up): pages never write while rendering.
 */
export async function ensureDefaultTemplates(
  tx: Tx,
  teamId: string,
  actorId: string | null = null,
) {
  // Serialises concurrent first writes of one team, so the defaults are created once.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`report-templates:${teamId}`}))`;
  const count = await tx.reportTemplate.count({ where: { teamId } });
  if (count > 0) return;
  const full = await tx.reportTemplate.create({
    data: {
      teamId,
      name: FULL_TEMPLATE_NAME,
      isDefault: true,
      sections: fullTemplateSections() as unknown as Prisma.InputJsonValue,
    },
  });
  const light = await tx.reportTemplate.create({
    data: {
      teamId,
      name: LIGHTWEIGHT_TEMPLATE_NAME,
      isDefault: false,
      sections: lightweightTemplateSections() as unknown as Prisma.InputJsonValue,
    },
  });
  for (const t of [full, light]) {
    await recordAudit(tx, {
      teamId,
      actorId,
      action: "report_template.create",
      entityType: "ReportTemplate",
      entityId: t.id,
      data: { name: t.name, builtIn: true },
    });
  }
}

/** An owner's explicit "set up templates" (teams created before templates were made with the team). */
export async function ensureTeamTemplates(scope: TeamScope, actorId: string | null = null) {
  if (await db.reportTemplate.count({ where: { teamId: scope.teamId } })) return;
  await db.$transaction((tx) => ensureDefaultTemplates(tx, scope.teamId, actorId));
}

/**
 * The incident's report row, created with the team's default template by the first write that
 * needs it. Until then pages show an unsaved draft (readReport), so opening a report writes
 * nothing, even for viewers.
 */
async function createReportInTx(
  tx: Tx,
  teamId: string,
  incidentId: string,
  actorId: string | null,
): Promise<ReportRow> {
  const incident = await tx.incident.findFirst({
    where: { id: incidentId, teamId },
    select: { id: true },
  });
  if (!incident) throw new NotFoundError("Incident");
  await ensureDefaultTemplates(tx, teamId, actorId);
  const template = await tx.reportTemplate.findFirst({
    where: { teamId },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
    select: { id: true },
  });
  // The advisory lock above also serialises two first writes to the same incident's report.
  const again = await findReport(tx, teamId, incidentId);
  if (again) return again;
  const report = await tx.report.create({
    data: { incidentId, templateId: template?.id ?? null },
    select: reportRowSelect,
  });
  await recordAudit(tx, {
    teamId,
    actorId,
    action: "report.create",
    entityType: "Report",
    entityId: report.id,
    incidentId,
  });
  return report;
}

/** The incident's report, created if it does not exist yet (a write: tests and write paths only). */
export async function ensureReport(
  scope: TeamScope,
  incidentId: string,
  actorId: string | null = null,
): Promise<ReportRow> {
  const existing = await findReport(db, scope.teamId, incidentId);
  if (existing) return existing;
  return db.$transaction((tx) => createReportInTx(tx, scope.teamId, incidentId, actorId));
}

/** The report, created on this first write if needed, row-locked for the rest of the transaction. */
async function lockReport(
  tx: Tx,
  teamId: string,
  incidentId: string,
  actorId: string,
): Promise<ReportRow> {
  const report =
    (await findReport(tx, teamId, incidentId)) ??
    (await createReportInTx(tx, teamId, incidentId, actorId));
  // Row lock: concurrent workflow steps on one report run one after another.
  await tx.$executeRaw`SELECT id FROM "Report" WHERE id = ${report.id} FOR UPDATE`;
  return (await findReport(tx, teamId, incidentId))!;
}

/**
 * The workflow state of a report. `withContent` composes the report as it is now (inside this
 * transaction) for the steps that count approvals or approve: its hash decides which approvals
 * count, and who changed it decides who may approve. Without it no approval counts.
 */
async function workflowState(tx: Tx, teamId: string, report: ReportRow, withContent = false) {
  const round = await currentRound(tx, report.id);
  const reviewers = await listRoundReviewers(tx, report.id, round);
  const team = await tx.team.findUniqueOrThrow({
    where: { id: teamId },
    select: { requiredApprovals: true },
  });
  const content = withContent ? await currentContent(tx, teamId, report) : null;
  if (withContent && !content) throw new NotFoundError("Incident");
  const state: WorkflowState = {
    status: report.status,
    authorId: report.authorId,
    reviewers: reviewers.map((r) => ({
      userId: r.userId,
      decision: r.decision,
      approvedHash: r.approvedHash,
      withdrawnAt: r.withdrawnAt,
    })),
    requiredApprovals: team.requiredApprovals,
    contentHash: content?.hash ?? null,
    contributorIds: withContent ? await listContributorIds(tx, report, round) : [],
  };
  return { ...state, round, content };
}

function check(state: WorkflowState, cmd: WorkflowCommand) {
  const t = transition(state, cmd);
  if (!t.ok) throw new RuleError(t.reason, t.field);
  return t.status;
}

/**
 * Refuses a review request or publication while a section the template requires is empty,
 * and a review request while optional empty sections were not confirmed (readiness.ts).
 */
function checkSections(
  content: NonNullable<Awaited<ReturnType<typeof workflowState>>["content"]>,
  step: Step,
  confirmEmpty?: string,
) {
  const gaps = emptySections(content.source.template.sections, content.source.narrative);
  const required = requiredSectionErrors(gaps, step);
  if (required) throw new InputError(required.fieldErrors, required.message);
  if (step !== "review") return;
  const unconfirmed = unconfirmedEmpty(gaps, confirmEmpty);
  if (unconfirmed.length) {
    const message = unconfirmedMessage(unconfirmed);
    throw new InputError({ [CONFIRM_EMPTY_FIELD]: [message] }, message);
  }
}

function stale(report: ReportRow, baseVersion: number) {
  if (report.version !== baseVersion) {
    throw new ConflictError(
      { status: report.status, version: report.version },
      ["status"],
      "The report changed since you opened it. Reload to see the current state.",
    );
  }
}

/**
 * Saves narrative fields. A save based on an older version still succeeds when nobody else
 * changed the same fields in between (edits to different sections merge); otherwise it is
 * refused with the other person's text so the client can show it and keep the user's.
 */
export async function saveNarrative(actor: Actor, incidentId: string, input: SaveNarrativeInput) {
  return db.$transaction(async (tx) => {
    const report = await lockReport(tx, actor.scope.teamId, incidentId, actor.userId);
    check(await workflowState(tx, actor.scope.teamId, report), {
      type: "edit",
      actorRole: actor.role,
    });
    const current = parseNarrative(report.narrative);
    const changes = input.changes as Narrative;
    const keys = Object.keys(changes);
    if (report.version !== input.baseVersion) {
      const conflicting = keys.filter(
        (k) =>
          (current[k] ?? "") !== (input.baseline[k] ?? "") && (current[k] ?? "") !== changes[k],
      );
      if (conflicting.length)
        throw new ConflictError(
          { narrative: current, version: report.version },
          conflicting,
          "Someone else changed the same section since you started typing. Your text is kept below theirs.",
        );
    }
    const next = { ...current, ...changes };
    const updated = await tx.report.update({
      where: { id: report.id },
      data: {
        narrative: next,
        version: { increment: 1 },
        authorId: report.authorId ?? actor.userId,
      },
      select: { version: true, narrative: true },
    });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action: "report.narrative.update",
      entityType: "Report",
      entityId: report.id,
      incidentId,
      data: { fields: keys },
    });
    return { version: updated.version, narrative: parseNarrative(updated.narrative) };
  });
}

export async function setReportTemplate(
  actor: Actor,
  incidentId: string,
  baseVersion: number,
  templateId: string,
) {
  return db.$transaction(async (tx) => {
    const report = await lockReport(tx, actor.scope.teamId, incidentId, actor.userId);
    stale(report, baseVersion);
    check(await workflowState(tx, actor.scope.teamId, report), {
      type: "edit",
      actorRole: actor.role,
    });
    const template = await tx.reportTemplate.findFirst({
      where: { id: templateId, teamId: actor.scope.teamId },
      select: { id: true, name: true },
    });
    if (!template) throw new RuleError("Choose one of your team's templates.", "templateId");
    await tx.report.update({
      where: { id: report.id },
      data: { templateId: template.id, version: { increment: 1 } },
    });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action: "report.template.change",
      entityType: "Report",
      entityId: report.id,
      incidentId,
      data: { templateId: template.id, name: template.name },
    });
  });
}

export async function requestReview(
  actor: Actor,
  incidentId: string,
  baseVersion: number,
  reviewerIds: string[],
  /** The empty optional fields the author confirmed sending without (readiness.ts). */
  confirmEmpty?: string,
) {
  return db.$transaction(async (tx) => {
    const report = await lockReport(tx, actor.scope.teamId, incidentId, actor.userId);
    stale(report, baseVersion);
    const state = await workflowState(tx, actor.scope.teamId, report, true);
    const ids = [...new Set(reviewerIds)];
    const authorId = report.authorId ?? actor.userId;
    check(
      { ...state, authorId },
      { type: "requestReview", actorId: actor.userId, actorRole: actor.role, reviewerIds: ids },
    );
    const members = await tx.membership.count({
      where: { teamId: actor.scope.teamId, userId: { in: ids }, role: { in: ["OWNER", "EDITOR"] } },
    });
    if (members !== ids.length)
      throw new RuleError("Reviewers must be editors or owners of this team.", "reviewerIds");
    checkSections(state.content!, "review", confirmEmpty);
    const round = state.round + 1;
    await tx.reportReviewer.createMany({
      data: ids.map((userId) => ({ reportId: report.id, userId, round })),
    });
    await tx.report.update({
      where: { id: report.id },
      data: { status: "IN_REVIEW", authorId, version: { increment: 1 } },
    });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action: "report.review.request",
      entityType: "Report",
      entityId: report.id,
      incidentId,
      data: { round, reviewerIds: ids },
    });
    return { round, reviewerIds: ids, reportId: report.id };
  });
}

export async function decideReview(
  actor: Actor,
  incidentId: string,
  decision: "APPROVED" | "CHANGES_REQUESTED",
  comment: { sectionKey: string; body: string },
) {
  return db.$transaction(async (tx) => {
    const report = await lockReport(tx, actor.scope.teamId, incidentId, actor.userId);
    const state = await workflowState(tx, actor.scope.teamId, report, true);
    const status = check(state, {
      type: decision === "APPROVED" ? "approve" : "requestChanges",
      actorId: actor.userId,
      actorRole: actor.role,
    });
    await tx.reportReviewer.update({
      where: {
        reportId_userId_round: { reportId: report.id, userId: actor.userId, round: state.round },
      },
      // The approval is of exactly the content composed in this transaction.
      data: {
        decision,
        decidedAt: new Date(),
        approvedHash: decision === "APPROVED" ? state.contentHash : null,
        withdrawnAt: null,
      },
    });
    if (comment.body)
      await tx.reportComment.create({
        data: {
          reportId: report.id,
          authorId: actor.userId,
          sectionKey: comment.sectionKey,
          body: comment.body,
        },
      });
    await tx.report.update({
      where: { id: report.id },
      data: { status, version: { increment: 1 } },
    });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action: decision === "APPROVED" ? "report.review.approve" : "report.review.request_changes",
      entityType: "Report",
      entityId: report.id,
      incidentId,
      data: { round: state.round, contentHash: state.contentHash },
    });
  });
}

export async function addComment(
  actor: Actor,
  incidentId: string,
  sectionKey: string,
  body: string,
) {
  return db.$transaction(async (tx) => {
    const report = await lockReport(tx, actor.scope.teamId, incidentId, actor.userId);
    const comment = await tx.reportComment.create({
      data: { reportId: report.id, authorId: actor.userId, sectionKey, body },
      select: { id: true },
    });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action: "report.comment.create",
      entityType: "ReportComment",
      entityId: comment.id,
      incidentId,
      data: { sectionKey },
    });
    return comment;
  });
}

export async function resolveComment(actor: Actor, incidentId: string, commentId: string) {
  return db.$transaction(async (tx) => {
    const comment = await tx.reportComment.findFirst({
      where: { id: commentId, report: { incidentId, incident: { teamId: actor.scope.teamId } } },
      select: { id: true, resolvedAt: true },
    });
    if (!comment) throw new NotFoundError("Comment");
    if (comment.resolvedAt) return;
    await tx.reportComment.update({ where: { id: comment.id }, data: { resolvedAt: new Date() } });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action: "report.comment.resolve",
      entityType: "ReportComment",
      entityId: comment.id,
      incidentId,
    });
  });
}

export async function withdrawReview(actor: Actor, incidentId: string, baseVersion: number) {
  return simpleTransition(
    actor,
    incidentId,
    baseVersion,
    { type: "withdraw", actorRole: actor.role },
    "report.review.withdraw",
  );
}

/** Editing after publishing: a new draft from the published text; every version stays. */
export async function reopenReport(actor: Actor, incidentId: string, baseVersion: number) {
  return simpleTransition(
    actor,
    incidentId,
    baseVersion,
    { type: "reopen", actorRole: actor.role },
    "report.reopen",
  );
}

async function simpleTransition(
  actor: Actor,
  incidentId: string,
  baseVersion: number,
  cmd: WorkflowCommand,
  action: "report.review.withdraw" | "report.reopen",
) {
  return db.$transaction(async (tx) => {
    const report = await lockReport(tx, actor.scope.teamId, incidentId, actor.userId);
    stale(report, baseVersion);
    const status = check(await workflowState(tx, actor.scope.teamId, report), cmd);
    await tx.report.update({
      where: { id: report.id },
      data: { status, version: { increment: 1 } },
    });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action,
      entityType: "Report",
      entityId: report.id,
      incidentId,
    });
  });
}

/**
 * Freezes the report into ReportVersion n+1: exactly the content the counted approvals were
 * given for (the snapshot is composed once, in this transaction, and its hash is what the
 * approvals are checked against), or refuses when it changed since.
 */
export async function publishReport(actor: Actor, incidentId: string, baseVersion: number) {
  return db.$transaction(async (tx) => {
    const report = await lockReport(tx, actor.scope.teamId, incidentId, actor.userId);
    stale(report, baseVersion);
    const state = await workflowState(tx, actor.scope.teamId, report, true);
    check(state, { type: "publish", actorRole: actor.role });
    // The template can change while the report is in review (an owner marks a section required).
    checkSections(state.content!, "publish");
    const last = await tx.reportVersion.aggregate({
      where: { reportId: report.id },
      _max: { number: true },
    });
    const number = (last._max.number ?? 0) + 1;
    const publisher = await tx.user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: { name: true, email: true },
    });
    const publishedAt = new Date();
    const { snapshot: draft, hash } = state.content!;
    // Only the publication stamp is added; it is not part of the approved content hash.
    const snapshot = {
      ...draft,
      version: number,
      publishedAt: publishedAt.toISOString(),
      publishedBy: publisher.name ?? publisher.email,
    };
    // Rendered once, here: readers are served these bytes (lib/reports/published-html.ts).
    const rendered = renderPublishedReport(snapshot);
    const version = await tx.reportVersion.create({
      data: {
        reportId: report.id,
        number,
        snapshot: snapshot as unknown as Prisma.InputJsonValue,
        contentHash: hash,
        title: snapshot.title,
        customerTitle: toCustomerSnapshot(snapshot).title,
        publishedById: actor.userId,
        publishedAt,
        ...rendered,
      },
      select: { id: true, number: true },
    });
    // The files this version shows: its readers may fetch exactly these, for as long as it exists.
    await recordVersionAttachments(
      tx,
      version.id,
      snapshot.attachments.map((a) => a.id),
      toCustomerSnapshot(snapshot).attachments.map((a) => a.id),
    );
    // The published text per section, for search (frozen like the snapshot).
    await tx.reportSectionText.createMany({
      data: reportSearchSections(snapshot).map((s) => ({ ...s, reportVersionId: version.id })),
    });
    await tx.report.update({
      where: { id: report.id },
      data: { status: "PUBLISHED", version: { increment: 1 } },
    });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action: "report.publish",
      entityType: "ReportVersion",
      entityId: version.id,
      incidentId,
      data: { number, contentHash: hash },
    });
    return version;
  });
}

export async function updateTemplate(
  actor: Actor,
  input: { templateId: string; name: string; isDefault: boolean; sections: TemplateSection[] },
) {
  return db.$transaction(async (tx) => {
    const template = await tx.reportTemplate.findFirst({
      where: { id: input.templateId, teamId: actor.scope.teamId },
      select: { id: true },
    });
    if (!template) throw new NotFoundError("Template");
    if (input.isDefault)
      await tx.reportTemplate.updateMany({
        where: { teamId: actor.scope.teamId, id: { not: template.id } },
        data: { isDefault: false },
      });
    await tx.reportTemplate.update({
      where: { id: template.id },
      data: {
        name: input.name,
        sections: input.sections as unknown as Prisma.InputJsonValue,
        ...(input.isDefault ? { isDefault: true } : {}),
      },
    });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action: "report_template.update",
      entityType: "ReportTemplate",
      entityId: template.id,
      data: {
        name: input.name,
        sections: input.sections.map(
          (s) => `${s.key}:${s.enabled ? "on" : "off"}${s.required ? ":required" : ""}`,
        ),
      },
    });
  });
}

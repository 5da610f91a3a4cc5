import "server-only";
import type { AuditData } from "@/lib/audit/schema";
import { simpleHtmlEmail } from "@/lib/email/send";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueMail } from "@/lib/jobs/email-queue";
import { jobDbFor } from "@/lib/jobs/tx-db";
import { reportContentHash } from "./content";
import { currentRound, findReport, readReportSource } from "./data";
import { composeReport, reportTitle } from "./snapshot";
import { errorFields, log } from "@/lib/log";

type Tx = Prisma.TransactionClient;

/** The report of an incident as it is now, composed inside the caller's transaction, and its content hash. */
export async function currentContent(
  tx: Tx,
  teamId: string,
  report: NonNullable<Awaited<ReturnType<typeof findReport>>>,
) {
  const source = await readReportSource(tx, teamId, report);
  if (!source) return null;
  const snapshot = composeReport(source);
  return { source, snapshot, hash: reportContentHash(snapshot) };
}

/**
 * Withdraws approvals of content the report no longer shows. Runs inside every write that can
 * change a report (called from recordAudit, in the writer's transaction), so the withdrawal,
 * its audit row and the emails to reviewer and author commit with the change itself. Cheap
 * when nothing is in review: one indexed lookup.
 */
export async function withdrawStaleApprovals(
  tx: Tx,
  change: { teamId: string; incidentId: string; actorId: string | null; action: string },
) {
  const inReview = await tx.report.findFirst({
    where: {
      incidentId: change.incidentId,
      status: "IN_REVIEW",
      incident: { teamId: change.teamId },
    },
    select: { id: true },
  });
  if (!inReview) return;
  // Same lock as every workflow step, so a publish running now sees either the old approvals
  // with the old content or the withdrawal with the new.
  await tx.$executeRaw`SELECT id FROM "Report" WHERE id = ${inReview.id} FOR UPDATE`;
  const report = await findReport(tx, change.teamId, change.incidentId);
  if (!report || report.status !== "IN_REVIEW") return;
  const round = await currentRound(tx, report.id);
  const approved = await tx.reportReviewer.findMany({
    where: { reportId: report.id, round, decision: "APPROVED" },
    select: {
      id: true,
      userId: true,
      approvedHash: true,
      user: { select: { name: true, email: true } },
    },
  });
  if (approved.length === 0) return;
  const content = await currentContent(tx, change.teamId, report);
  if (!content) return;
  const stale = approved.filter((a) => a.approvedHash !== content.hash);
  if (stale.length === 0) return;

  const withdrawnAt = new Date();
  await tx.reportReviewer.updateMany({
    where: { id: { in: stale.map((s) => s.id) } },
    data: { decision: "PENDING", approvedHash: null, decidedAt: null, withdrawnAt },
  });
  // Forms opened before the change (Publish, Approve) now answer "changed since you opened it".
  await tx.report.update({ where: { id: report.id }, data: { version: { increment: 1 } } });
  await tx.auditEvent.create({
    data: {
      teamId: change.teamId,
      actorId: change.actorId,
      action: "report.review.approval_withdrawn",
      entityType: "Report",
      entityId: report.id,
      incidentId: change.incidentId,
      data: {
        round,
        reviewerIds: stale.map((s) => s.userId),
        cause: change.action,
      } satisfies AuditData<"report.review.approval_withdrawn">,
    },
  });
  await notify(tx, {
    reportId: report.id,
    incidentId: change.incidentId,
    label: reportTitle(content.source.incident.number, content.source.incident.title),
    actorId: change.actorId,
    authorId: report.authorId,
    reviewers: stale.map((s) => ({ id: s.userId, ...s.user })),
    at: withdrawnAt,
  });
}

async function notify(
  tx: Tx,
  n: {
    reportId: string;
    incidentId: string;
    label: string;
    actorId: string | null;
    authorId: string | null;
    reviewers: { id: string; name: string | null; email: string }[];
    at: Date;
  },
) {
  const url = new URL(`/incidents/${n.incidentId}/report`, env().APP_URL).toString();
  const actor = n.actorId
    ? await tx.user.findUnique({ where: { id: n.actorId }, select: { name: true, email: true } })
    : null;
  const who = actor ? (actor.name ?? actor.email) : "An integration";
  const author =
    n.authorId && n.authorId !== n.actorId
      ? await tx.user.findUnique({ where: { id: n.authorId }, select: { id: true, email: true } })
      : null;
  const mails = n.reviewers
    .filter((r) => r.id !== n.actorId)
    .map((r) => ({
      key: `report-approval-withdrawn:${n.reportId}:${r.id}:${n.at.getTime()}`,
      to: r.email,
      heading: "Your approval was withdrawn",
      lines: [
        `${who} changed the After Action Report for ${n.label} after you approved it, so your approval no longer counts.`,
        "Review the current content and approve it again, or request changes.",
      ],
    }));
  if (author && !n.reviewers.some((r) => r.id === author.id)) {
    mails.push({
      key: `report-approval-withdrawn:${n.reportId}:author:${n.at.getTime()}`,
      to: author.email,
      heading: "Approvals were withdrawn",
      lines: [
        `${who} changed the After Action Report for ${n.label} while it was in review, so ${n.reviewers.length === 1 ? "1 approval was" : `${n.reviewers.length} approvals were`} withdrawn.`,
        "Reviewers must approve the current content before it can be published.",
      ],
    });
  }
  // A queue failure must not undo the change or the withdrawal (the report page shows it too):
  // the enqueue runs in a savepoint that is rolled back on error.
  await tx.$executeRawUnsafe("SAVEPOINT approval_notice");
  try {
    for (const m of mails) {
      await enqueueMail(
        {
          to: m.to,
          subject: `Approval withdrawn: ${n.label}`,
          text: `${m.lines.join("\n\n")}\n\n${url}`,
          html: simpleHtmlEmail({
            heading: m.heading,
            paragraphs: m.lines,
            actionLabel: "Open the report",
            actionUrl: url,
          }),
        },
        { db: jobDbFor(tx), key: m.key },
      );
    }
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT approval_notice");
  } catch (error) {
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT approval_notice");
    log.error(errorFields(error), "could not queue the approval-withdrawn email");
  }
}

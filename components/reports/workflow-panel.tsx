// The review and publish controls beside the report (server component; forms are client).
import Link from "next/link";
import {
  decideReviewAction,
  publishReportAction,
  reopenReportAction,
  requestReviewAction,
  setReportTemplateAction,
  withdrawReviewAction,
} from "@/lib/reports/actions";
import { formatTimestamp } from "@/lib/reports/snapshot";
import {
  approvalWithdrawn,
  CONTRIBUTOR_APPROVAL_MESSAGE,
  publishBlocker,
  type ReportStatus,
} from "@/lib/reports/workflow";
import {
  CONFIRM_EMPTY_FIELD,
  confirmationToken,
  requiredSectionErrors,
  type EmptySections,
} from "@/lib/reports/readiness";
import { buttonClass } from "@/components/ui/button";
import { ActionForm } from "./action-form";
import { EmptySectionList } from "./empty-sections";
import { DECISION_LABELS } from "./report-status";
import {
  CommentBox,
  CommentsPanel,
  Panel,
  SectionSelect,
  type ReviewComment,
  type Person,
  display,
} from "./review-comments";

export interface WorkflowPanelProps {
  incidentId: string;
  status: ReportStatus;
  reportVersion: number;
  me: { id: string; canWrite: boolean; canPublish: boolean };
  author: Person | null;
  reviewers: {
    userId: string;
    decision: "PENDING" | "APPROVED" | "CHANGES_REQUESTED";
    decidedAt: Date | null;
    approvedHash: string | null;
    withdrawnAt: Date | null;
    user: { name: string | null; email: string };
  }[];
  requiredApprovals: number;
  /** Content hash of the report as shown now: approvals of other content do not count. */
  contentHash: string;
  /** Who changed the content in this draft or since review was requested (cannot approve). */
  contributorIds: string[];
  candidates: (Person & { role: string })[];
  templates: { id: string; name: string }[];
  templateId: string | null;
  sections: { key: string; title: string }[];
  /** Enabled sections with empty fields, as stored (required ones block review and publishing). */
  emptySections: EmptySections;
  comments: ReviewComment[];
  latestVersion: {
    number: number;
    publishedAt: Date;
    publishedBy: { name: string | null; email: string };
  } | null;
}

export function WorkflowPanel(p: WorkflowPanelProps) {
  const state = {
    status: p.status,
    authorId: p.author?.id ?? null,
    reviewers: p.reviewers.map((r) => ({
      userId: r.userId,
      decision: r.decision,
      approvedHash: r.approvedHash,
      withdrawnAt: r.withdrawnAt,
    })),
    requiredApprovals: p.requiredApprovals,
    contentHash: p.contentHash,
    contributorIds: p.contributorIds,
  };
  const blocker = publishBlocker(state);
  const myReview = p.reviewers.find((r) => r.userId === p.me.id);
  const isAuthor = p.author?.id === p.me.id;
  const isContributor = p.contributorIds.includes(p.me.id);
  const choosable = p.candidates.filter(
    (c) => c.id !== p.me.id && c.id !== p.author?.id && !p.contributorIds.includes(c.id),
  );
  const withdrawn = p.reviewers.filter((r) => approvalWithdrawn(r, p.contentHash));
  const gaps = p.emptySections;
  const requiredAtPublish = requiredSectionErrors(gaps, "publish");

  return (
    <div className="space-y-4">
      {p.status === "PUBLISHED" && p.latestVersion && (
        <Panel title={`Published — version ${p.latestVersion.number}`}>
          <p className="text-sm text-slate-700">
            Published {formatTimestamp(p.latestVersion.publishedAt.toISOString())} by{" "}
            {display(p.latestVersion.publishedBy)}. Stakeholders only ever see published versions.
          </p>
          <div className="flex flex-wrap gap-2">
            <Link
              href={`/incidents/${p.incidentId}/report/versions/${p.latestVersion.number}`}
              className={buttonClass("secondary")}
            >
              View version {p.latestVersion.number}
            </Link>
            <Link
              href={`/incidents/${p.incidentId}/report/share`}
              className={buttonClass("secondary")}
            >
              Share
            </Link>
          </div>
          {p.me.canWrite && (
            <ActionForm
              action={reopenReportAction.bind(null, p.incidentId)}
              hidden={{ baseVersion: p.reportVersion }}
              submitLabel="Start a new draft"
              pendingText="Opening…"
              variant="secondary"
            >
              <p className="text-sm text-slate-600">
                Editing opens a new draft from this text. Published versions never change;
                publishing again makes version {p.latestVersion.number + 1}.
              </p>
            </ActionForm>
          )}
        </Panel>
      )}

      {p.status === "DRAFT" && p.me.canWrite && (
        <Panel title="Ask for a review">
          {choosable.length === 0 ? (
            <p className="text-sm text-slate-600">
              Nobody else in the team can review yet. Invite an editor or owner in Settings →
              Members.
            </p>
          ) : (
            <ActionForm
              action={requestReviewAction.bind(null, p.incidentId)}
              hidden={{ baseVersion: p.reportVersion }}
              submitLabel="Request review"
              pendingText="Requesting…"
              label="Request review"
              refuseWhileUnsaved
            >
              {gaps.required.length > 0 && (
                <EmptySectionList
                  sections={gaps.required}
                  target="editor"
                  tone="required"
                  testId="required-empty"
                >
                  Required by the template, still empty (a review cannot start without them):
                </EmptySectionList>
              )}
              {gaps.optional.length > 0 && (
                <div className="space-y-2" data-testid="optional-empty">
                  <EmptySectionList sections={gaps.optional} target="editor" tone="warning">
                    Still empty:
                  </EmptySectionList>
                  <label className="flex items-start gap-2 text-sm">
                    <input
                      type="checkbox"
                      name={CONFIRM_EMPTY_FIELD}
                      value={confirmationToken(gaps)}
                      className="mt-0.5 h-4 w-4"
                    />
                    Send for review with{" "}
                    {gaps.optional.length === 1 ? "this section" : "these sections"} empty
                  </label>
                </div>
              )}
              <fieldset className="space-y-1">
                <legend className="text-sm font-medium text-slate-800">Reviewers</legend>
                <p className="text-xs text-slate-600">
                  Publishing needs {p.requiredApprovals} approval
                  {p.requiredApprovals === 1 ? "" : "s"}. People who wrote this draft cannot review
                  it.
                </p>
                {choosable.map((c) => (
                  <label key={c.id} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="reviewerIds" value={c.id} className="h-4 w-4" />
                    {display(c)}{" "}
                    <span className="text-xs text-slate-600">({c.role.toLowerCase()})</span>
                  </label>
                ))}
              </fieldset>
            </ActionForm>
          )}
        </Panel>
      )}

      {p.reviewers.length > 0 && (
        <Panel title={p.status === "IN_REVIEW" ? "Review" : "Last review round"}>
          {p.status === "IN_REVIEW" && withdrawn.length > 0 && (
            <p
              role="status"
              className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
              data-testid="approval-withdrawn"
            >
              The report changed after it was approved, so{" "}
              {withdrawn.length === 1 ? "1 approval was" : `${withdrawn.length} approvals were`}{" "}
              withdrawn. Reviewers must approve the current content.
            </p>
          )}
          <ul className="space-y-1 text-sm" aria-label="Reviewers">
            {p.reviewers.map((r) => (
              <li key={r.userId} className="flex flex-wrap justify-between gap-2">
                <span>{display(r.user)}</span>
                {approvalWithdrawn(r, p.contentHash) ? (
                  <span className="font-medium text-amber-900">
                    ! Approval withdrawn: the report changed
                  </span>
                ) : (
                  <span
                    className={
                      r.decision === "APPROVED"
                        ? "font-medium text-green-800"
                        : r.decision === "CHANGES_REQUESTED"
                          ? "font-medium text-red-800"
                          : "text-slate-600"
                    }
                  >
                    {r.decision === "APPROVED"
                      ? "✓ "
                      : r.decision === "CHANGES_REQUESTED"
                        ? "✗ "
                        : "… "}
                    {DECISION_LABELS[r.decision]}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {p.status === "IN_REVIEW" && myReview && !isAuthor && p.me.canWrite && (
            <ActionForm
              action={decideReviewAction.bind(null, p.incidentId)}
              submitLabel="Submit review"
              pendingText="Submitting…"
              label="Your review"
            >
              <fieldset className="space-y-1">
                <legend className="text-sm font-medium text-slate-800">Your decision</legend>
                {isContributor ? (
                  <p className="text-sm text-slate-600">
                    {CONTRIBUTOR_APPROVAL_MESSAGE} You can still request changes.
                  </p>
                ) : (
                  <label className="flex items-center gap-2 text-sm">
                    <input
                      type="radio"
                      name="decision"
                      value="APPROVED"
                      defaultChecked
                      className="h-4 w-4"
                    />{" "}
                    Approve
                  </label>
                )}
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="decision"
                    value="CHANGES_REQUESTED"
                    defaultChecked={isContributor}
                    className="h-4 w-4"
                  />{" "}
                  Request changes
                </label>
              </fieldset>
              <SectionSelect id="decision-section" sections={p.sections} />
              <CommentBox id="decision-body" label="Comment (optional)" />
            </ActionForm>
          )}
          {p.status === "IN_REVIEW" && isAuthor && (
            <p className="text-sm text-slate-600">
              You wrote this report, so you cannot approve it.
            </p>
          )}
          {p.status === "IN_REVIEW" && p.me.canPublish && (
            <div className="space-y-2 border-t border-slate-200 pt-3">
              {blocker || requiredAtPublish ? (
                <p className="text-sm text-slate-700" data-testid="publish-blocker">
                  {blocker ?? requiredAtPublish?.message}
                </p>
              ) : (
                <ActionForm
                  action={publishReportAction.bind(null, p.incidentId)}
                  hidden={{ baseVersion: p.reportVersion }}
                  submitLabel="Publish"
                  pendingText="Publishing…"
                  label="Publish"
                  refuseWhileUnsaved
                >
                  <p className="text-sm text-slate-700">
                    Approved. Publishing freezes this report as version{" "}
                    {(p.latestVersion?.number ?? 0) + 1}.
                  </p>
                  {gaps.optional.length > 0 && (
                    <EmptySectionList
                      sections={gaps.optional}
                      target="report"
                      tone="warning"
                      testId="publish-empty"
                    >
                      It will be published with{" "}
                      {gaps.optional.length === 1 ? "this section" : "these sections"} empty:
                    </EmptySectionList>
                  )}
                </ActionForm>
              )}
            </div>
          )}
          {p.status === "IN_REVIEW" && p.me.canWrite && (
            <ActionForm
              action={withdrawReviewAction.bind(null, p.incidentId)}
              hidden={{ baseVersion: p.reportVersion }}
              submitLabel="Back to draft"
              pendingText="Withdrawing…"
              variant="secondary"
            />
          )}
        </Panel>
      )}

      {p.status === "DRAFT" && p.me.canWrite && p.templates.length > 0 && (
        <Panel title="Template">
          <ActionForm
            action={setReportTemplateAction.bind(null, p.incidentId)}
            hidden={{ baseVersion: p.reportVersion }}
            submitLabel="Use template"
            pendingText="Switching…"
            variant="secondary"
            label="Report template"
            refuseWhileUnsaved
          >
            <label htmlFor="templateId" className="block text-sm font-medium text-slate-800">
              Sections follow
            </label>
            <select
              id="templateId"
              name="templateId"
              defaultValue={p.templateId ?? undefined}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            >
              {p.templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <p className="text-xs text-slate-600">
              Switching keeps every word: text for sections the template hides is kept and returns
              when they are shown again.
            </p>
          </ActionForm>
        </Panel>
      )}

      <CommentsPanel
        incidentId={p.incidentId}
        canWrite={p.me.canWrite}
        sections={p.sections}
        comments={p.comments}
      />
    </div>
  );
}

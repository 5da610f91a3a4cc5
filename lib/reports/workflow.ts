// The report's review workflow as a pure state machine:
//   DRAFT ─requestReview→ IN_REVIEW ─approve…→ (enough approvals) ─publish→ PUBLISHED
//   IN_REVIEW ─requestChanges→ DRAFT (the author revises, then asks again: a new round)
//   IN_REVIEW ─withdraw→ DRAFT;  PUBLISHED ─reopen→ DRAFT (a new draft; versions are kept)
// Narrative edits happen only in DRAFT. Facts drawn from the incident (summary, severity, the
// 5 Whys, action items…) can still change in review, so an approval is of an exact content
// hash: it counts only while the report still shows that content (see content.ts).
import type { Role } from "@/lib/auth/permissions";

export type ReportStatus = "DRAFT" | "IN_REVIEW" | "PUBLISHED";
export type Decision = "PENDING" | "APPROVED" | "CHANGES_REQUESTED";

export interface WorkflowReviewer {
  userId: string;
  decision: Decision;
  /** The content hash the reviewer approved (null when not approved). */
  approvedHash?: string | null;
  /** Set when an approval was withdrawn because the report changed after it. */
  withdrawnAt?: Date | null;
}

export interface WorkflowState {
  status: ReportStatus;
  authorId: string | null;
  /** Reviewers of the current round. */
  reviewers: WorkflowReviewer[];
  requiredApprovals: number;
  /** The hash of the report as it is now; null when not computed, and then no approval counts. */
  contentHash: string | null;
  /** Who changed the report's content in this draft or since review was requested: they cannot approve. */
  contributorIds: string[];
}

export type WorkflowCommand =
  | { type: "edit"; actorRole: Role }
  | { type: "requestReview"; actorId: string; actorRole: Role; reviewerIds: string[] }
  | { type: "approve"; actorId: string; actorRole: Role }
  | { type: "requestChanges"; actorId: string; actorRole: Role }
  | { type: "withdraw"; actorRole: Role }
  | { type: "publish"; actorRole: Role }
  | { type: "reopen"; actorRole: Role };

export type Transition =
  { ok: true; status: ReportStatus } | { ok: false; reason: string; field?: string };

const refuse = (reason: string, field?: string): Transition => ({ ok: false, reason, field });
const writer = (role: Role) => role === "OWNER" || role === "EDITOR";

/** An approval counts only for the exact content that is about to be published. */
export function approvalCounts(r: WorkflowReviewer, contentHash: string | null) {
  return r.decision === "APPROVED" && contentHash !== null && r.approvedHash === contentHash;
}

export function approvalCount(state: Pick<WorkflowState, "reviewers" | "contentHash">) {
  return state.reviewers.filter((r) => approvalCounts(r, state.contentHash)).length;
}

/** Approvals given for content the report no longer shows, or already withdrawn for that reason. */
export function staleApprovals(state: Pick<WorkflowState, "reviewers" | "contentHash">) {
  return state.reviewers.filter((r) => approvalWithdrawn(r, state.contentHash));
}

/** For display: an approval given for other content, or one withdrawn when the report changed. */
export function approvalWithdrawn(r: WorkflowReviewer, contentHash: string | null) {
  if (r.decision === "APPROVED") return !approvalCounts(r, contentHash);
  return r.decision === "PENDING" && r.withdrawnAt != null;
}

export const CONTRIBUTOR_APPROVAL_MESSAGE =
  "You changed this report's content, so you cannot approve it. Another reviewer must approve it.";

/** Whether publishing is possible now, and if not, why (shown beside the Publish button). */
export function publishBlocker(state: WorkflowState): string | null {
  if (state.status === "PUBLISHED") return "This version is already published.";
  if (state.status !== "IN_REVIEW") return "Ask for a review first: publishing needs approvals.";
  if (state.reviewers.some((r) => r.decision === "CHANGES_REQUESTED"))
    return "A reviewer requested changes.";
  const have = approvalCount(state);
  const need = Math.max(1, state.requiredApprovals);
  const stale = staleApprovals(state).length;
  if (have < need && stale > 0) {
    return `The report changed after it was approved, so ${stale === 1 ? "1 approval was" : `${stale} approvals were`} withdrawn. Reviewers must approve the current content before it can be published.`;
  }
  if (have < need)
    return `Publishing needs ${need} approval${need === 1 ? "" : "s"}; ${have} so far.`;
  return null;
}

export function transition(state: WorkflowState, cmd: WorkflowCommand): Transition {
  if (!writer(cmd.actorRole)) return refuse("Only editors and owners can change reports.");
  switch (cmd.type) {
    case "edit":
      if (state.status === "IN_REVIEW")
        return refuse("The report is in review. Withdraw it from review to edit.");
      if (state.status === "PUBLISHED")
        return refuse("The report is published. Start a new draft to edit it.");
      return { ok: true, status: "DRAFT" };
    case "requestReview": {
      if (state.status !== "DRAFT")
        return refuse(
          state.status === "IN_REVIEW"
            ? "The report is already in review."
            : "Start a new draft before asking for a review.",
        );
      const ids = new Set(cmd.reviewerIds);
      if (ids.size === 0) return refuse("Choose at least one reviewer.", "reviewerIds");
      if (state.authorId && ids.has(state.authorId))
        return refuse("The author cannot review their own report.", "reviewerIds");
      if (ids.has(cmd.actorId))
        return refuse("You cannot review a report you sent for review.", "reviewerIds");
      if (state.contributorIds.some((id) => ids.has(id)))
        return refuse(
          "People who edited this report cannot review it. Choose reviewers who did not write it.",
          "reviewerIds",
        );
      if (ids.size < Math.max(1, state.requiredApprovals)) {
        return refuse(
          `Your team needs ${state.requiredApprovals} approvals: choose at least that many reviewers.`,
          "reviewerIds",
        );
      }
      return { ok: true, status: "IN_REVIEW" };
    }
    case "approve":
    case "requestChanges": {
      if (state.status !== "IN_REVIEW") return refuse("The report is not in review.");
      if (state.authorId === cmd.actorId) return refuse("You cannot approve your own report.");
      const me = state.reviewers.find((r) => r.userId === cmd.actorId);
      if (!me) return refuse("You were not asked to review this report.");
      if (cmd.type === "approve") {
        if (state.contributorIds.includes(cmd.actorId)) return refuse(CONTRIBUTOR_APPROVAL_MESSAGE);
        return { ok: true, status: "IN_REVIEW" };
      }
      return { ok: true, status: "DRAFT" };
    }
    case "withdraw":
      if (state.status !== "IN_REVIEW") return refuse("The report is not in review.");
      return { ok: true, status: "DRAFT" };
    case "publish": {
      const blocker = publishBlocker(state);
      return blocker ? refuse(blocker) : { ok: true, status: "PUBLISHED" };
    }
    case "reopen":
      if (state.status !== "PUBLISHED") return refuse("Only a published report can be reopened.");
      return { ok: true, status: "DRAFT" };
  }
}

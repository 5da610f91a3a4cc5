// The report's review workflow as a pure state machine:
//   DRAFT ─requestReview→ IN_REVIEW ─approve…→ (enough approvals) ─publish→ PUBLISHED
//   IN_REVIEW ─requestChanges→ DRAFT (the author revises, then asks again: a new round)
//   IN_REVIEW ─withdraw→ DRAFT;  PUBLISHED ─reopen→ DRAFT (a new draft; versions are kept)
// Narrative edits happen only in DRAFT, so what reviewers approve is what gets published.
import type { Role } from "@/lib/auth/permissions";

export type ReportStatus = "DRAFT" | "IN_REVIEW" | "PUBLISHED";
export type Decision = "PENDING" | "APPROVED" | "CHANGES_REQUESTED";

export interface WorkflowState {
  status: ReportStatus;
  authorId: string | null;
  /** Reviewers of the current round. */
  reviewers: { userId: string; decision: Decision }[];
  requiredApprovals: number;
}

export type WorkflowCommand =
  | { type: "edit"; actorRole: Role }
  | { type: "requestReview"; actorId: string; actorRole: Role; reviewerIds: string[] }
  | { type: "approve"; actorId: string; actorRole: Role }
  | { type: "requestChanges"; actorId: string; actorRole: Role }
  | { type: "withdraw"; actorRole: Role }
  | { type: "publish"; actorRole: Role }
  | { type: "reopen"; actorRole: Role };

export type Transition = { ok: true; status: ReportStatus } | { ok: false; reason: string; field?: string };

const refuse = (reason: string, field?: string): Transition => ({ ok: false, reason, field });
const writer = (role: Role) => role === "OWNER" || role === "EDITOR";

export function approvalCount(state: Pick<WorkflowState, "reviewers">) {
  return state.reviewers.filter((r) => r.decision === "APPROVED").length;
}

/** Whether publishing is possible now, and if not, why (shown beside the Publish button). */
export function publishBlocker(state: WorkflowState): string | null {
  if (state.status === "PUBLISHED") return "This version is already published.";
  if (state.status !== "IN_REVIEW") return "Ask for a review first: publishing needs approvals.";
  if (state.reviewers.some((r) => r.decision === "CHANGES_REQUESTED")) return "A reviewer requested changes.";
  const have = approvalCount(state);
  const need = Math.max(1, state.requiredApprovals);
  if (have < need) return `Publishing needs ${need} approval${need === 1 ? "" : "s"}; ${have} so far.`;
  return null;
}

export function transition(state: WorkflowState, cmd: WorkflowCommand): Transition {
  if (!writer(cmd.actorRole)) return refuse("Only editors and owners can change reports.");
  switch (cmd.type) {
    case "edit":
      if (state.status === "IN_REVIEW") return refuse("The report is in review. Withdraw it from review to edit.");
      if (state.status === "PUBLISHED") return refuse("The report is published. Start a new draft to edit it.");
      return { ok: true, status: "DRAFT" };
    case "requestReview": {
      if (state.status !== "DRAFT") return refuse(state.status === "IN_REVIEW" ? "The report is already in review." : "Start a new draft before asking for a review.");
      const ids = new Set(cmd.reviewerIds);
      if (ids.size === 0) return refuse("Choose at least one reviewer.", "reviewerIds");
      if (state.authorId && ids.has(state.authorId)) return refuse("The author cannot review their own report.", "reviewerIds");
      if (ids.has(cmd.actorId)) return refuse("You cannot review a report you sent for review.", "reviewerIds");
      if (ids.size < Math.max(1, state.requiredApprovals)) {
        return refuse(`Your team needs ${state.requiredApprovals} approvals: choose at least that many reviewers.`, "reviewerIds");
      }
      return { ok: true, status: "IN_REVIEW" };
    }
    case "approve":
    case "requestChanges": {
      if (state.status !== "IN_REVIEW") return refuse("The report is not in review.");
      if (state.authorId === cmd.actorId) return refuse("You cannot approve your own report.");
      const me = state.reviewers.find((r) => r.userId === cmd.actorId);
      if (!me) return refuse("You were not asked to review this report.");
      if (cmd.type === "approve") return { ok: true, status: "IN_REVIEW" };
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

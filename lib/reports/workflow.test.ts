import { describe, expect, it } from "vitest";
import { publishBlocker, transition, type WorkflowCommand, type WorkflowState } from "./workflow";

const base: WorkflowState = {
  status: "DRAFT",
  authorId: "author",
  reviewers: [],
  requiredApprovals: 1,
  contentHash: "now",
  contributorIds: [],
};
const inReview = (decisions: WorkflowState["reviewers"], requiredApprovals = 1): WorkflowState => ({
  ...base,
  status: "IN_REVIEW",
  reviewers: decisions,
  requiredApprovals,
});

type Row = [string, WorkflowState, WorkflowCommand, string];

const table: Row[] = [
  ["author edits a draft", base, { type: "edit", actorRole: "EDITOR" }, "DRAFT"],
  [
    "viewer cannot edit",
    base,
    { type: "edit", actorRole: "VIEWER" },
    "refused: Only editors and owners",
  ],
  [
    "no edits in review",
    inReview([]),
    { type: "edit", actorRole: "OWNER" },
    "refused: The report is in review",
  ],
  [
    "no edits once published",
    { ...base, status: "PUBLISHED" },
    { type: "edit", actorRole: "OWNER" },
    "refused: The report is published",
  ],
  [
    "request review",
    base,
    { type: "requestReview", actorId: "author", actorRole: "EDITOR", reviewerIds: ["r1"] },
    "IN_REVIEW",
  ],
  [
    "request review with nobody",
    base,
    { type: "requestReview", actorId: "author", actorRole: "EDITOR", reviewerIds: [] },
    "refused: Choose at least one reviewer",
  ],
  [
    "author as reviewer",
    base,
    { type: "requestReview", actorId: "other", actorRole: "EDITOR", reviewerIds: ["author"] },
    "refused: The author cannot review",
  ],
  [
    "requester as reviewer",
    { ...base, authorId: null },
    { type: "requestReview", actorId: "me", actorRole: "EDITOR", reviewerIds: ["me"] },
    "refused: You cannot review a report you sent",
  ],
  [
    "too few reviewers for the team's rule",
    { ...base, requiredApprovals: 2 },
    { type: "requestReview", actorId: "author", actorRole: "EDITOR", reviewerIds: ["r1"] },
    "refused: Your team needs 2 approvals",
  ],
  [
    "request review twice",
    inReview([]),
    { type: "requestReview", actorId: "author", actorRole: "EDITOR", reviewerIds: ["r1"] },
    "refused: already in review",
  ],
  [
    "viewer requests review",
    base,
    { type: "requestReview", actorId: "v", actorRole: "VIEWER", reviewerIds: ["r1"] },
    "refused: Only editors and owners",
  ],
  [
    "reviewer approves",
    inReview([{ userId: "r1", decision: "PENDING" }]),
    { type: "approve", actorId: "r1", actorRole: "EDITOR" },
    "IN_REVIEW",
  ],
  [
    "author approves own report",
    inReview([{ userId: "author", decision: "PENDING" }]),
    { type: "approve", actorId: "author", actorRole: "OWNER" },
    "refused: You cannot approve your own report",
  ],
  [
    "non-reviewer approves",
    inReview([{ userId: "r1", decision: "PENDING" }]),
    { type: "approve", actorId: "r2", actorRole: "OWNER" },
    "refused: You were not asked",
  ],
  [
    "approve a draft",
    base,
    { type: "approve", actorId: "r1", actorRole: "EDITOR" },
    "refused: not in review",
  ],
  [
    "reviewer requests changes",
    inReview([{ userId: "r1", decision: "PENDING" }]),
    { type: "requestChanges", actorId: "r1", actorRole: "EDITOR" },
    "DRAFT",
  ],
  ["withdraw from review", inReview([]), { type: "withdraw", actorRole: "EDITOR" }, "DRAFT"],
  ["withdraw a draft", base, { type: "withdraw", actorRole: "EDITOR" }, "refused: not in review"],
  [
    "publish with the approval",
    inReview([{ userId: "r1", decision: "APPROVED", approvedHash: "now" }]),
    { type: "publish", actorRole: "EDITOR" },
    "PUBLISHED",
  ],
  [
    "publish without approvals",
    inReview([{ userId: "r1", decision: "PENDING" }]),
    { type: "publish", actorRole: "OWNER" },
    "refused: Publishing needs 1 approval; 0 so far",
  ],
  [
    "publish with 1 of 2 approvals",
    inReview(
      [
        { userId: "r1", decision: "APPROVED", approvedHash: "now" },
        { userId: "r2", decision: "PENDING" },
      ],
      2,
    ),
    { type: "publish", actorRole: "OWNER" },
    "refused: Publishing needs 2 approvals; 1 so far",
  ],
  [
    "publish with 2 of 2 approvals",
    inReview(
      [
        { userId: "r1", decision: "APPROVED", approvedHash: "now" },
        { userId: "r2", decision: "APPROVED", approvedHash: "now" },
      ],
      2,
    ),
    { type: "publish", actorRole: "OWNER" },
    "PUBLISHED",
  ],
  [
    "publish a draft",
    base,
    { type: "publish", actorRole: "OWNER" },
    "refused: Ask for a review first",
  ],
  [
    "viewer publishes",
    inReview([{ userId: "r1", decision: "APPROVED", approvedHash: "now" }]),
    { type: "publish", actorRole: "VIEWER" },
    "refused: Only editors and owners",
  ],
  [
    "publish twice",
    { ...base, status: "PUBLISHED" },
    { type: "publish", actorRole: "OWNER" },
    "refused: already published",
  ],
  [
    "reopen after publishing",
    { ...base, status: "PUBLISHED" },
    { type: "reopen", actorRole: "EDITOR" },
    "DRAFT",
  ],
  [
    "reopen a draft",
    base,
    { type: "reopen", actorRole: "EDITOR" },
    "refused: Only a published report",
  ],
  // Approval covers exact content: an approval of other content does not count.
  [
    "publish after the content changed",
    inReview([{ userId: "r1", decision: "APPROVED", approvedHash: "before" }]),
    { type: "publish", actorRole: "OWNER" },
    "refused: The report changed after it was approved, so 1 approval was withdrawn",
  ],
  [
    "publish with an approval that recorded no content",
    inReview([{ userId: "r1", decision: "APPROVED", approvedHash: null }]),
    { type: "publish", actorRole: "OWNER" },
    "refused: 1 approval was withdrawn",
  ],
  [
    "publish when the content was not computed",
    {
      ...inReview([{ userId: "r1", decision: "APPROVED", approvedHash: "now" }]),
      contentHash: null,
    },
    { type: "publish", actorRole: "OWNER" },
    "refused: withdrawn",
  ],
  [
    "publish with one fresh approval of 1 needed and one stale",
    inReview([
      { userId: "r1", decision: "APPROVED", approvedHash: "before" },
      { userId: "r2", decision: "APPROVED", approvedHash: "now" },
    ]),
    { type: "publish", actorRole: "OWNER" },
    "PUBLISHED",
  ],
  [
    "publish after an approval was withdrawn",
    inReview([{ userId: "r1", decision: "PENDING", withdrawnAt: new Date() }]),
    { type: "publish", actorRole: "OWNER" },
    "refused: 1 approval was withdrawn",
  ],
  // Self-approval: whoever changed the content cannot approve it.
  [
    "a reviewer who edited the text approves",
    { ...inReview([{ userId: "r1", decision: "PENDING" }]), contributorIds: ["r1"] },
    { type: "approve", actorId: "r1", actorRole: "OWNER" },
    "refused: You changed this report's content",
  ],
  [
    "a reviewer who edited the text requests changes",
    { ...inReview([{ userId: "r1", decision: "PENDING" }]), contributorIds: ["r1"] },
    { type: "requestChanges", actorId: "r1", actorRole: "OWNER" },
    "DRAFT",
  ],
  [
    "an editor of the text is asked to review",
    { ...base, contributorIds: ["r1"] },
    { type: "requestReview", actorId: "author", actorRole: "EDITOR", reviewerIds: ["r1"] },
    "refused: People who edited this report cannot review it",
  ],
];

describe("report workflow", () => {
  it.each(table)("%s", (_name, state, cmd, expected) => {
    const result = transition(state, cmd);
    if (expected.startsWith("refused: ")) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain(expected.slice("refused: ".length));
    } else {
      expect(result).toEqual({ ok: true, status: expected });
    }
  });

  it("a changes-requested decision blocks publishing even with enough approvals", () => {
    expect(
      publishBlocker(
        inReview([
          { userId: "r1", decision: "APPROVED", approvedHash: "now" },
          { userId: "r2", decision: "CHANGES_REQUESTED" },
        ]),
      ),
    ).toBe("A reviewer requested changes.");
  });

  it("treats a required-approvals setting below 1 as 1", () => {
    expect(publishBlocker(inReview([], 0))).toContain("needs 1 approval");
  });
});

// Issue 8, items 5 and 6: an approval covers exactly what is published, and whoever changed the
// report cannot approve it.
import { mintTeamScope } from "@/lib/auth/scope";
import { beforeEach, describe, expect, it } from "vitest";
import { initialResult } from "@/lib/action-result";
import type { OutgoingMail } from "@/lib/email/types";
import { env } from "@/lib/env";
import { updateIncidentAction } from "@/lib/incidents/actions";
import { unseal } from "@/lib/jobs/seal";
import { createWhyNodeAction } from "@/lib/whys/actions";
import { form, redirectOf } from "@/test/actions";
import { createIncident, createTeamWithMembers, createUser, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import {
  decideReviewAction,
  publishReportAction,
  requestReviewAction,
  saveNarrativeAction,
} from "./actions";
import { reportContentHash } from "./content";
import type { ReportSnapshot } from "./snapshot";
import { CONFIRM_ALL_EMPTY } from "@/lib/reports/test-fixtures";

const ok = { ok: true } as const;
const multi = (values: Record<string, string | string[]>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values))
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
};

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let incidentId: string;

beforeEach(async () => {
  t = await createTeamWithMembers("Approvals");
  incidentId = (await createIncident(t.team.id, t.owner.id, { title: "Checkout errors" })).id;
});

const reportOf = () => testDb.report.findUniqueOrThrow({ where: { incidentId } });
const reviewerRow = async (userId: string) =>
  testDb.reportReviewer.findFirstOrThrow({
    where: { report: { incidentId }, userId },
    orderBy: { round: "desc" },
  });

async function save(userId: string, changes: Record<string, string>) {
  signInAs(userId, t.team.id);
  const r = await testDb.report.findUnique({ where: { incidentId } });
  if (!r) {
    const { ensureReport } = await import("./mutations");
    await ensureReport(mintTeamScope(t.team.id), incidentId);
  }
  return saveNarrativeAction(incidentId, {
    baseVersion: (await reportOf()).version,
    changes,
    baseline: {},
  });
}
async function requestReviewBy(userId: string, reviewerIds: string[]) {
  signInAs(userId, t.team.id);
  return requestReviewAction(
    incidentId,
    ok,
    multi({
      baseVersion: String((await reportOf()).version),
      reviewerIds,
      confirmEmpty: CONFIRM_ALL_EMPTY,
    }),
  );
}
async function decide(userId: string, decision: "APPROVED" | "CHANGES_REQUESTED") {
  signInAs(userId, t.team.id);
  return decideReviewAction(incidentId, ok, multi({ decision, sectionKey: "general", body: "" }));
}
async function publishBy(userId: string) {
  signInAs(userId, t.team.id);
  return publishReportAction(
    incidentId,
    ok,
    multi({ baseVersion: String((await reportOf()).version) }),
  );
}
async function changeSeverity(userId: string, severity: string) {
  signInAs(userId, t.team.id);
  const i = await testDb.incident.findUniqueOrThrow({ where: { id: incidentId } });
  const fields = {
    id: i.id,
    version: i.version,
    title: i.title,
    severity,
    status: i.status,
    timeZone: "UTC",
    startedAt: i.startedAt.toISOString().slice(0, 16),
    detectedAt: "",
    acknowledgedAt: "",
    mitigatedAt: "",
    resolvedAt: "",
    summary: i.summary,
    customerImpact: i.customerImpact,
    services: i.services.join(", "),
    tags: i.tags.join(", "),
    commanderId: "",
  };
  return redirectOf(updateIncidentAction(initialResult, form(fields)));
}
/** Emails waiting in the durable queue for one address (the job payload is sealed). */
async function queuedMailTo(email: string): Promise<OutgoingMail[]> {
  const rows = await testDb.$queryRawUnsafe<{ data: { sealed: string } }[]>(
    `SELECT data FROM pgboss.job WHERE name = 'email'`,
  );
  return rows
    .map((r) => unseal<OutgoingMail>(r.data.sealed, env().AUTH_SECRET))
    .filter((m) => m.to === email);
}

describe("an approval covers exactly what is published", () => {
  it("withdraws the approval when the incident or the 5 Whys change in review, tells the reviewer, and publishes only re-approved content", async () => {
    expect(await save(t.editor.id, { summary: "We lost checkouts." })).toMatchObject({ ok: true });
    expect(await requestReviewBy(t.editor.id, [t.owner.id])).toMatchObject({ ok: true });
    expect(await decide(t.owner.id, "APPROVED")).toMatchObject({ ok: true });
    const approved = await reviewerRow(t.owner.id);
    expect(approved).toMatchObject({
      decision: "APPROVED",
      approvedHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      withdrawnAt: null,
    });

    // An editor changes a fact the report shows, after the approval.
    expect(await changeSeverity(t.editor.id, "SEV1")).toBe(`/incidents/${incidentId}`);
    expect(await reviewerRow(t.owner.id)).toMatchObject({
      decision: "PENDING",
      approvedHash: null,
      withdrawnAt: expect.any(Date),
    });
    expect(
      await testDb.auditEvent.findFirst({
        where: { incidentId, action: "report.review.approval_withdrawn" },
        select: { actorId: true, data: true },
      }),
    ).toEqual({
      actorId: t.editor.id,
      data: expect.objectContaining({ reviewerIds: [t.owner.id], cause: "incident.update" }),
    });
    const mails = await queuedMailTo(t.owner.email);
    expect(mails).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subject: "Approval withdrawn: INC-1: Checkout errors",
          text: expect.stringContaining("after you approved it"),
        }),
      ]),
    );

    // Publishing is refused with a clear message; nothing is frozen.
    expect(await publishBy(t.owner.id)).toMatchObject({
      ok: false,
      message: expect.stringContaining("changed after it was approved"),
    });
    expect(await testDb.reportVersion.count({ where: { report: { incidentId } } })).toBe(0);

    // Approve again, then a 5 Whys change withdraws it again.
    expect(await decide(t.owner.id, "APPROVED")).toMatchObject({ ok: true });
    signInAs(t.editor.id, t.team.id);
    expect(
      await createWhyNodeAction({
        incidentId,
        parentId: null,
        statement: "Pool exhausted under load",
      }),
    ).toMatchObject({ ok: true });
    expect((await reviewerRow(t.owner.id)).decision).toBe("PENDING");
    expect(await publishBy(t.editor.id)).toMatchObject({
      ok: false,
      message: expect.stringContaining("withdrawn"),
    });

    // Approved as it is now: publishing freezes exactly the approved content.
    expect(await decide(t.owner.id, "APPROVED")).toMatchObject({ ok: true });
    const hash = (await reviewerRow(t.owner.id)).approvedHash;
    expect(await publishBy(t.editor.id)).toMatchObject({ ok: true, data: { number: 1 } });
    const version = await testDb.reportVersion.findFirstOrThrow({
      where: { report: { incidentId } },
    });
    const snapshot = version.snapshot as unknown as ReportSnapshot;
    expect(version.contentHash).toBe(hash);
    expect(reportContentHash(snapshot)).toBe(hash);
    expect(snapshot.incident.severity).toBe("SEV1");
    expect(snapshot.whys.tree.map((n) => n.statement)).toEqual(["Pool exhausted under load"]);
  });

  it("refuses to publish content that changed without passing through an audited write", async () => {
    await save(t.editor.id, { summary: "x" });
    await requestReviewBy(t.editor.id, [t.owner.id]);
    await decide(t.owner.id, "APPROVED");
    // e.g. a commander renamed on their profile, or a direct database fix: caught by the hash.
    await testDb.incident.update({
      where: { id: incidentId },
      data: { summary: "Changed behind the workflow's back" },
    });
    expect((await reviewerRow(t.owner.id)).decision).toBe("APPROVED");
    expect(await publishBy(t.owner.id)).toMatchObject({
      ok: false,
      message: expect.stringContaining(
        "changed after it was approved, so 1 approval was withdrawn",
      ),
    });
    expect(await testDb.reportVersion.count({ where: { report: { incidentId } } })).toBe(0);
  });

  it("keeps approvals when a change does not alter what the report shows", async () => {
    await save(t.editor.id, { summary: "x" });
    await requestReviewBy(t.editor.id, [t.owner.id]);
    await decide(t.owner.id, "APPROVED");
    // A timeline event that is not a key event does not appear in the report.
    await testDb.timelineEvent.create({
      data: {
        incidentId,
        occurredAt: new Date("2026-01-10T14:10:00Z"),
        kind: "NOTE",
        body: "internal note",
      },
    });
    expect(await publishBy(t.owner.id)).toMatchObject({ ok: true });
  });
});

describe("self-approval", () => {
  it("refuses an editor who rewrote the text as reviewer, and any reviewer who changed the report after the review request", async () => {
    const rewriter = await createUser("Rewriter");
    await testDb.membership.create({
      data: { teamId: t.team.id, userId: rewriter.id, role: "EDITOR" },
    });
    expect(await save(t.editor.id, { summary: "First draft." })).toMatchObject({ ok: true });
    expect((await reportOf()).authorId).toBe(t.editor.id);
    // Someone else rewrites the whole text: they are not "the author", but they wrote it.
    expect(
      await save(rewriter.id, { summary: "Entirely rewritten by someone else." }),
    ).toMatchObject({ ok: true });
    expect(await requestReviewBy(t.editor.id, [rewriter.id])).toMatchObject({
      ok: false,
      fieldErrors: {
        reviewerIds: [expect.stringContaining("People who edited this report cannot review it")],
      },
    });
    expect((await reportOf()).status).toBe("DRAFT");

    // Even placed on the reviewer list (rows from before this rule), the rewriter cannot approve.
    expect(await requestReviewBy(t.editor.id, [t.owner.id])).toMatchObject({ ok: true });
    const report = await reportOf();
    await testDb.reportReviewer.create({
      data: { reportId: report.id, userId: rewriter.id, round: 1 },
    });
    expect(await decide(rewriter.id, "APPROVED")).toMatchObject({
      ok: false,
      message:
        "You changed this report's content, so you cannot approve it. Another reviewer must approve it.",
    });

    // The reviewer changes a fact while the report is in review: now they cannot approve either.
    await changeSeverity(t.owner.id, "SEV3");
    expect(await decide(t.owner.id, "APPROVED")).toMatchObject({
      ok: false,
      message: expect.stringContaining("You changed this report's content"),
    });
    expect(
      await testDb.reportReviewer.count({ where: { reportId: report.id, decision: "APPROVED" } }),
    ).toBe(0);
    // Requesting changes stays possible.
    expect(await decide(t.owner.id, "CHANGES_REQUESTED")).toMatchObject({ ok: true });
  });
});

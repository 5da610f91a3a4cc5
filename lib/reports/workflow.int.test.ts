import { mintTeamScope } from "@/lib/auth/scope";
import { beforeEach, describe, expect, it } from "vitest";
import { createIncident, createTeamWithMembers, createUser, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import {
  decideReviewAction,
  publishReportAction,
  reopenReportAction,
  requestReviewAction,
  saveNarrativeAction,
  setReportTemplateAction,
  updateTemplateAction,
  withdrawReviewAction,
} from "./actions";
import { getPublishedVersion, getVersionForTeam, listVersions } from "./data";
import { ensureReport } from "./mutations";
import type { ReportSnapshot } from "./snapshot";
import { CONFIRM_ALL_EMPTY } from "@/lib/reports/test-fixtures";

const form = (values: Record<string, string | string[]>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values))
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
};
const ok = { ok: true } as const;

async function reportOf(incidentId: string) {
  return testDb.report.findUniqueOrThrow({ where: { incidentId } });
}

describe("report workflow against the database", () => {
  let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
  let incidentId: string;

  beforeEach(async () => {
    t = await createTeamWithMembers("Reports");
    incidentId = (await createIncident(t.team.id, t.owner.id, { title: "Checkout errors" })).id;
    await ensureReport(mintTeamScope(t.team.id), incidentId);
  });

  async function save(userId: string, changes: Record<string, string>) {
    signInAs(userId, t.team.id);
    const r = await reportOf(incidentId);
    return saveNarrativeAction(incidentId, { baseVersion: r.version, changes, baseline: {} });
  }

  async function requestReviewBy(userId: string, reviewerIds: string[]) {
    signInAs(userId, t.team.id);
    const r = await reportOf(incidentId);
    return requestReviewAction(
      incidentId,
      ok,
      form({ baseVersion: String(r.version), reviewerIds, confirmEmpty: CONFIRM_ALL_EMPTY }),
    );
  }

  async function decide(userId: string, decision: "APPROVED" | "CHANGES_REQUESTED", body = "") {
    signInAs(userId, t.team.id);
    return decideReviewAction(incidentId, ok, form({ decision, sectionKey: "summary", body }));
  }

  async function publishBy(userId: string) {
    signInAs(userId, t.team.id);
    const r = await reportOf(incidentId);
    return publishReportAction(incidentId, ok, form({ baseVersion: String(r.version) }));
  }

  it("creates the team's default templates and one report per incident, lazily", async () => {
    const again = await ensureReport(mintTeamScope(t.team.id), incidentId);
    expect(await testDb.report.count({ where: { incidentId } })).toBe(1);
    const templates = await testDb.reportTemplate.findMany({
      where: { teamId: t.team.id },
      orderBy: { createdAt: "asc" },
    });
    expect(templates.map((x) => [x.name, x.isDefault])).toEqual([
      ["Full AAR", true],
      ["Lightweight", false],
    ]);
    expect(again.templateId).toBe(templates[0].id);
  });

  it("walks draft → review → approve → publish and freezes version 1, then version 2", async () => {
    expect(await save(t.editor.id, { summary: "We lost checkouts." })).toMatchObject({ ok: true });
    expect((await reportOf(incidentId)).authorId).toBe(t.editor.id);

    expect(await requestReviewBy(t.editor.id, [t.owner.id])).toMatchObject({
      ok: true,
      message: "Review requested. Reviewers were emailed.",
    });
    expect((await reportOf(incidentId)).status).toBe("IN_REVIEW");

    // Editing while in review is refused: reviewers approve exactly what gets published.
    expect(await save(t.editor.id, { summary: "sneaky" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("in review"),
    });

    expect(await publishBy(t.owner.id)).toMatchObject({
      ok: false,
      message: expect.stringContaining("needs 1 approval"),
    });
    expect(await decide(t.owner.id, "APPROVED", "Looks good")).toMatchObject({ ok: true });
    const published = await publishBy(t.editor.id);
    expect(published).toMatchObject({ ok: true, data: { number: 1 } });
    expect((await reportOf(incidentId)).status).toBe("PUBLISHED");

    const [v1] = await listVersions(mintTeamScope(t.team.id), incidentId);
    const frozen = (await getPublishedVersion(v1.id))!;
    expect(frozen).toMatchObject({
      number: 1,
      incidentId,
      teamId: t.team.id,
      title: expect.stringContaining("Checkout errors"),
    });
    expect(frozen.snapshot.sections[0].fields[0].markdown).toBe("We lost checkouts.");
    expect(frozen.snapshot.publishedBy).toBeTruthy();
    expect(frozen.snapshot.internal?.reviewers).toEqual([
      expect.objectContaining({ decision: "APPROVED" }),
    ]);
    // Publishing also stores the section text that search finds (lib/search).
    const searchable = await testDb.reportSectionText.findMany({
      where: { reportVersionId: v1.id },
      orderBy: { position: "asc" },
    });
    expect(searchable.map((s) => s.key)).toEqual(frozen.snapshot.sections.map((s) => s.key));
    expect(searchable[0]!.body).toContain("We lost checkouts.");

    // Later edits to the incident never change the published version.
    await testDb.incident.update({
      where: { id: incidentId },
      data: { title: "Renamed incident", customerImpact: "Everything changed." },
    });
    await testDb.timelineEvent.create({
      data: {
        incidentId,
        occurredAt: new Date("2026-01-10T14:30:00Z"),
        kind: "ACTION",
        body: "Late key event",
        isKey: true,
      },
    });
    await testDb.actionItem.create({
      data: { teamId: t.team.id, incidentId, title: "Added after publishing" },
    });
    const still = (await getPublishedVersion(v1.id))!;
    expect(still.snapshot).toEqual(frozen.snapshot);
    expect(JSON.stringify(still.snapshot)).not.toContain("Renamed incident");

    // Editing after publishing opens a new draft; publishing again makes version 2.
    signInAs(t.editor.id, t.team.id);
    const r = await reportOf(incidentId);
    expect(
      await reopenReportAction(incidentId, ok, form({ baseVersion: String(r.version) })),
    ).toMatchObject({ ok: true });
    expect(await save(t.editor.id, { summary: "We lost many checkouts." })).toMatchObject({
      ok: true,
    });
    expect(await requestReviewBy(t.editor.id, [t.owner.id])).toMatchObject({ ok: true });
    // A new round: the old approval does not count.
    expect(await publishBy(t.owner.id)).toMatchObject({ ok: false });
    expect(await decide(t.owner.id, "APPROVED")).toMatchObject({ ok: true });
    expect(await publishBy(t.owner.id)).toMatchObject({ ok: true, data: { number: 2 } });

    const versions = await listVersions(mintTeamScope(t.team.id), incidentId);
    expect(versions.map((v) => v.number)).toEqual([2, 1]);
    const v2 = (await getPublishedVersion(versions[0].id))!.snapshot as ReportSnapshot;
    expect(v2.title).toBe(`INC-${frozen.snapshot.incident.number}: Renamed incident`);
    expect(v2.keyEvents.map((e) => e.body)).toContain("Late key event");
    expect((await getPublishedVersion(v1.id))!.snapshot).toEqual(frozen.snapshot);

    const audit = await testDb.auditEvent.findMany({
      where: { incidentId },
      select: { action: true },
    });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "report.create",
        "report.narrative.update",
        "report.review.request",
        "report.review.approve",
        "report.publish",
        "report.reopen",
      ]),
    );
  });

  it("refuses self-approval and reviewers who are the author", async () => {
    await save(t.editor.id, { summary: "x" });
    expect(await requestReviewBy(t.owner.id, [t.editor.id])).toMatchObject({
      ok: false,
      fieldErrors: { reviewerIds: [expect.stringContaining("author cannot review")] },
    });
    // Even if the author ended up on the reviewer list (data from before), they cannot approve.
    const report = await reportOf(incidentId);
    await testDb.reportReviewer.create({
      data: { reportId: report.id, userId: t.editor.id, round: 1 },
    });
    await testDb.report.update({ where: { id: report.id }, data: { status: "IN_REVIEW" } });
    expect(await decide(t.editor.id, "APPROVED")).toMatchObject({
      ok: false,
      message: "You cannot approve your own report.",
    });
    expect(
      await testDb.reportReviewer.count({ where: { reportId: report.id, decision: "APPROVED" } }),
    ).toBe(0);
  });

  it("sends the report back to draft when a reviewer requests changes, with a comment on the section", async () => {
    await save(t.editor.id, { summary: "x" });
    await requestReviewBy(t.editor.id, [t.owner.id]);
    expect(await decide(t.owner.id, "CHANGES_REQUESTED", "Say how many customers.")).toMatchObject({
      ok: true,
    });
    const report = await reportOf(incidentId);
    expect(report.status).toBe("DRAFT");
    expect(
      await testDb.reportComment.findMany({
        where: { reportId: report.id },
        select: { sectionKey: true, body: true },
      }),
    ).toEqual([{ sectionKey: "summary", body: "Say how many customers." }]);
    expect(await publishBy(t.owner.id)).toMatchObject({ ok: false });
    expect(await testDb.reportVersion.count({ where: { reportId: report.id } })).toBe(0);
  });

  it("honours the team's required approvals", async () => {
    await testDb.team.update({ where: { id: t.team.id }, data: { requiredApprovals: 2 } });
    const second = await createUser("Second Editor");
    await testDb.membership.create({
      data: { teamId: t.team.id, userId: second.id, role: "EDITOR" },
    });
    await save(t.editor.id, { summary: "x" });
    expect(await requestReviewBy(t.editor.id, [t.owner.id])).toMatchObject({
      ok: false,
      fieldErrors: { reviewerIds: [expect.stringContaining("2 approvals")] },
    });
    expect(await requestReviewBy(t.editor.id, [t.owner.id, second.id])).toMatchObject({ ok: true });
    await decide(t.owner.id, "APPROVED");
    expect(await publishBy(t.owner.id)).toMatchObject({
      ok: false,
      message: expect.stringContaining("needs 2 approvals; 1 so far"),
    });
    await decide(second.id, "APPROVED");
    expect(await publishBy(t.owner.id)).toMatchObject({ ok: true });
  });

  it("lets viewers do nothing and hides other teams' reports", async () => {
    signInAs(t.viewer.id, t.team.id);
    const r = await reportOf(incidentId);
    expect(
      await saveNarrativeAction(incidentId, {
        baseVersion: r.version,
        changes: { summary: "x" },
        baseline: {},
      }),
    ).toMatchObject({ ok: false, message: expect.stringContaining("permission") });
    expect(
      await requestReviewAction(
        incidentId,
        ok,
        form({ baseVersion: String(r.version), reviewerIds: [t.owner.id] }),
      ),
    ).toMatchObject({ ok: false });
    expect((await reportOf(incidentId)).narrative).toEqual({});

    const other = await createTeamWithMembers("Other");
    signInAs(other.owner.id, other.team.id);
    expect(
      await saveNarrativeAction(incidentId, {
        baseVersion: r.version,
        changes: { summary: "x" },
        baseline: {},
      }),
    ).toMatchObject({ ok: false, message: "Incident not found." });
    expect(
      await publishReportAction(incidentId, ok, form({ baseVersion: String(r.version) })),
    ).toMatchObject({ ok: false, message: "Incident not found." });
  });

  it("does not let another team read a published version through team reads", async () => {
    await save(t.editor.id, { summary: "x" });
    await requestReviewBy(t.editor.id, [t.owner.id]);
    await decide(t.owner.id, "APPROVED");
    await publishBy(t.owner.id);
    const [v] = await listVersions(mintTeamScope(t.team.id), incidentId);
    const other = await createTeamWithMembers("Other");
    expect(await getVersionForTeam(mintTeamScope(other.team.id), v.id)).toBeNull();
    expect(await listVersions(mintTeamScope(other.team.id), incidentId)).toEqual([]);
  });

  it("merges autosaves to different sections and reports a real conflict with both texts", async () => {
    const start = (await reportOf(incidentId)).version;
    signInAs(t.editor.id, t.team.id);
    expect(
      await saveNarrativeAction(incidentId, {
        baseVersion: start,
        changes: { summary: "editor's summary" },
        baseline: { summary: "" },
      }),
    ).toMatchObject({ ok: true });
    signInAs(t.owner.id, t.team.id);
    // Based on the old version but touching another field: merged.
    const merged = await saveNarrativeAction(incidentId, {
      baseVersion: start,
      changes: { trigger: "owner's trigger" },
      baseline: { trigger: "" },
    });
    expect(merged).toMatchObject({
      ok: true,
      data: { narrative: { summary: "editor's summary", trigger: "owner's trigger" } },
    });
    // Same field, stale base: refused, nothing saved, the current text returned.
    const conflict = await saveNarrativeAction(incidentId, {
      baseVersion: start,
      changes: { summary: "owner's summary" },
      baseline: { summary: "" },
    });
    expect(conflict).toMatchObject({
      ok: false,
      conflict: { changed: ["summary"], current: { narrative: { summary: "editor's summary" } } },
    });
    expect((await reportOf(incidentId)).narrative).toMatchObject({ summary: "editor's summary" });
  });

  it("rejects over-long and unknown narrative fields without saving", async () => {
    signInAs(t.editor.id, t.team.id);
    const r = await reportOf(incidentId);
    expect(
      await saveNarrativeAction(incidentId, {
        baseVersion: r.version,
        changes: { summary: "x".repeat(20_001) },
        baseline: {},
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { "changes.summary": [expect.stringContaining("at most")] },
    });
    expect(
      await saveNarrativeAction(incidentId, {
        baseVersion: r.version,
        changes: { evil: "x" },
        baseline: {},
      }),
    ).toMatchObject({ ok: false });
    expect((await reportOf(incidentId)).narrative).toEqual({});
  });

  it("keeps drafts working when the template changes: narrative kept, sections follow the template", async () => {
    await save(t.editor.id, { summary: "kept summary", expected: "kept expectation" });
    const templates = await testDb.reportTemplate.findMany({
      where: { teamId: t.team.id },
      orderBy: { createdAt: "asc" },
    });
    const full = templates[0];

    // Only owners manage templates.
    signInAs(t.editor.id, t.team.id);
    const fields = (enabledExpected: boolean) =>
      form({
        templateId: full.id,
        name: "Full AAR",
        isDefault: "on",
        sectionKey: ["why", "summary", "expected", "happened", "improve"],
        "title.why": "Why it happened",
        "prompt.why": "",
        "enabled.why": "on",
        "title.summary": "Summary",
        "prompt.summary": "",
        "enabled.summary": "on",
        "title.expected": "Expected",
        "prompt.expected": "",
        ...(enabledExpected ? { "enabled.expected": "on" } : {}),
        "title.happened": "Happened",
        "prompt.happened": "",
        "enabled.happened": "on",
        "title.improve": "Improve",
        "prompt.improve": "",
        "enabled.improve": "on",
      });
    expect(await updateTemplateAction(ok, fields(false))).toMatchObject({
      ok: false,
      message: expect.stringContaining("permission"),
    });

    signInAs(t.owner.id, t.team.id);
    expect(await updateTemplateAction(ok, fields(false))).toMatchObject({ ok: true });
    const bad = fields(true);
    bad.set("title.why", "");
    expect(await updateTemplateAction(ok, bad)).toMatchObject({
      ok: false,
      fieldErrors: { "sections.0.title": ["Give the section a title."] },
    });

    // The draft still saves, keeps the hidden "expected" text, and follows the new order.
    expect(await save(t.editor.id, { trigger: "new trigger" })).toMatchObject({ ok: true });
    const report = await reportOf(incidentId);
    expect(report.narrative).toMatchObject({
      summary: "kept summary",
      expected: "kept expectation",
      trigger: "new trigger",
    });

    // Switching the report to the lightweight template keeps every word too.
    signInAs(t.editor.id, t.team.id);
    expect(
      await setReportTemplateAction(
        incidentId,
        ok,
        form({ baseVersion: String(report.version), templateId: templates[1].id }),
      ),
    ).toMatchObject({ ok: true });
    expect((await reportOf(incidentId)).narrative).toMatchObject({
      summary: "kept summary",
      expected: "kept expectation",
    });

    // Re-enabling the section shows the kept text again in the published snapshot.
    signInAs(t.owner.id, t.team.id);
    await updateTemplateAction(ok, fields(true));
    await testDb.report.update({ where: { incidentId }, data: { templateId: full.id } });
    await requestReviewBy(t.editor.id, [t.owner.id]);
    await decide(t.owner.id, "APPROVED");
    await publishBy(t.owner.id);
    const [v] = await listVersions(mintTeamScope(t.team.id), incidentId);
    const snap = (await getPublishedVersion(v.id))!.snapshot;
    expect(snap.sections.map((s) => s.title)).toEqual([
      "Why it happened",
      "Summary",
      "Expected",
      "Happened",
      "Improve",
    ]);
    expect(snap.sections[2].fields[0].markdown).toBe("kept expectation");
  });

  it("withdraws a review back to draft", async () => {
    await save(t.editor.id, { summary: "x" });
    await requestReviewBy(t.editor.id, [t.owner.id]);
    signInAs(t.editor.id, t.team.id);
    const r = await reportOf(incidentId);
    expect(
      await withdrawReviewAction(incidentId, ok, form({ baseVersion: String(r.version - 1) })),
    ).toMatchObject({ ok: false, conflict: expect.anything() });
    expect(
      await withdrawReviewAction(incidentId, ok, form({ baseVersion: String(r.version) })),
    ).toMatchObject({ ok: true });
    expect((await reportOf(incidentId)).status).toBe("DRAFT");
  });
});

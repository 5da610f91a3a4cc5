import { beforeAll, describe, expect, it } from "vitest";
import { mintTeamScope } from "@/lib/auth/scope";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import { renderReportHtml, rendererFingerprint } from "@/components/reports/report-html";
import {
  decideReviewAction,
  publishReportAction,
  requestReviewAction,
  saveNarrativeAction,
} from "./actions";
import { ensureReport } from "./mutations";
import {
  currentHtml,
  findPortalVersionForSession,
  findPortalVersionHtml,
  findTeamVersionHtml,
  findTeamVersionHtmlByNumber,
} from "./published-html";
import { parseSnapshot } from "./snapshot-schema";
import { openShareLink } from "@/lib/sharing/view";
import { withReaderAids } from "@/components/reports/report-toc";
import { generateShareToken } from "@/lib/sharing/tokens";
import { CONFIRM_ALL_EMPTY } from "@/lib/reports/test-fixtures";

const form = (values: Record<string, string | string[]>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values))
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
};

describe("a published version's stored HTML", () => {
  let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
  let incidentId: string;
  let versionId: string;

  beforeAll(async () => {
    t = await createTeamWithMembers("Rendered");
    incidentId = (await createIncident(t.team.id, t.owner.id, { title: "Checkout errors" })).id;
    await ensureReport(mintTeamScope(t.team.id), incidentId);
    const report = () => testDb.report.findUniqueOrThrow({ where: { incidentId } });
    signInAs(t.editor.id, t.team.id);
    await saveNarrativeAction(incidentId, {
      baseVersion: (await report()).version,
      changes: { summary: "We **lost** checkouts <img src=x onerror=alert(1)>." },
      baseline: {},
    });
    await requestReviewAction(
      incidentId,
      { ok: true },
      form({
        baseVersion: String((await report()).version),
        reviewerIds: [t.owner.id],
        confirmEmpty: CONFIRM_ALL_EMPTY,
      }),
    );
    signInAs(t.owner.id, t.team.id);
    await decideReviewAction(
      incidentId,
      { ok: true },
      form({ decision: "APPROVED", sectionKey: "summary", body: "" }),
    );
    const published = await publishReportAction(
      incidentId,
      { ok: true },
      form({ baseVersion: String((await report()).version) }),
    );
    expect(published).toMatchObject({ ok: true });
    versionId = (await testDb.reportVersion.findFirstOrThrow({ where: { report: { incidentId } } }))
      .id;
  });

  it("is rendered at publish and identical to a rendering of its snapshot, per audience", async () => {
    const row = await testDb.reportVersion.findUniqueOrThrow({ where: { id: versionId } });
    const snapshot = parseSnapshot(row.snapshot);
    expect(row.htmlRenderer).toBe(rendererFingerprint());
    expect(row.teamHtml).toBe(renderReportHtml(snapshot, "team"));
    expect(row.stakeholderHtml).toBe(renderReportHtml(snapshot, "stakeholder"));
    expect(row.stakeholderHtml).toContain("<strong>lost</strong>");
    expect(row.stakeholderHtml).not.toContain("onerror");
    // Reviewers and the author are team-internal.
    expect(row.teamHtml).toContain("Reviewers: Rendered Owner (approved)");
    expect(row.stakeholderHtml).not.toContain("Reviewers:");
  });

  it("is what the shared link, the portal and the team's pages serve", async () => {
    const { token, tokenHash } = generateShareToken();
    await testDb.shareLink.create({
      data: {
        reportVersionId: versionId,
        recipientEmail: "reader@example.test",
        tokenHash,
        expiresAt: new Date(Date.now() + 86_400_000),
        createdById: t.owner.id,
      },
    });
    await testDb.stakeholderGrant.create({
      data: { reportVersionId: versionId, email: "reader@example.test" },
    });
    const row = await testDb.reportVersion.findUniqueOrThrow({ where: { id: versionId } });

    const shared = await openShareLink(token, { client: "198.51.100.7", now: new Date() });
    // The link serves the stored HTML with its reading aids (contents, labelled table cells).
    expect(shared).toMatchObject({
      kind: "ok",
      versionId,
      html: withReaderAids(row.stakeholderHtml!),
    });
    const portal = await findPortalVersionHtml("Reader@Example.test", versionId);
    expect(await currentHtml(portal!, "stakeholder")).toBe(row.stakeholderHtml);
    const scope = mintTeamScope(t.team.id);
    expect(await currentHtml((await findTeamVersionHtml(scope, versionId))!, "team")).toBe(
      row.teamHtml,
    );
    expect((await findTeamVersionHtmlByNumber(scope, incidentId, null))!.id).toBe(versionId);
    // Another team's scope, or an address without a grant, finds nothing.
    const other = await createTeamWithMembers("Other");
    expect(await findTeamVersionHtml(mintTeamScope(other.team.id), versionId)).toBeNull();
    expect(await findPortalVersionHtml("stranger@example.test", versionId)).toBeNull();
  });

  it("is found with the reader's session in one statement (the portal view), for their grant only", async () => {
    const stamp = Date.now().toString(36);
    const reader = await testDb.user.create({
      data: { email: `portal-${stamp}@example.test`, name: "Portal Reader" },
    });
    const stranger = await testDb.user.create({ data: { email: `nogrant-${stamp}@example.test` } });
    const grant = await testDb.stakeholderGrant.create({
      data: { reportVersionId: versionId, email: reader.email, audience: "CUSTOMER" },
    });
    const expires = new Date(Date.now() + 86_400_000);
    for (const [token, userId] of [
      [`portal-${stamp}`, reader.id],
      [`nogrant-${stamp}`, stranger.id],
    ])
      await testDb.session.create({ data: { sessionToken: token, userId, expires } });

    const mine = await findPortalVersionForSession(`portal-${stamp}`, versionId);
    expect(mine).toEqual({
      user: { id: reader.id, email: reader.email, name: "Portal Reader" },
      expires,
      // The same row as the two-step lookup: the grant's audience decides the variant.
      row: await findPortalVersionHtml(reader.email, versionId),
    });
    expect(mine?.row).toMatchObject({ id: versionId, incidentId, variant: "customer" });
    // Signed in without a grant: the user, no version. An unknown token: nobody.
    const theirs = await findPortalVersionForSession(`nogrant-${stamp}`, versionId);
    expect(theirs).toMatchObject({ user: { id: stranger.id }, row: null });
    expect(await findPortalVersionForSession("no-such-session", versionId)).toBeNull();
    expect(
      (await findPortalVersionForSession(`portal-${stamp}`, "no-such-version"))?.row,
    ).toBeNull();
    // A revoked grant reads nothing.
    await testDb.stakeholderGrant.update({
      where: { id: grant.id },
      data: { revokedAt: new Date() },
    });
    expect((await findPortalVersionForSession(`portal-${stamp}`, versionId))?.row).toBeNull();
  });

  it("is rendered again from the snapshot, once, when it came from another renderer", async () => {
    await testDb.reportVersion.update({
      where: { id: versionId },
      data: { stakeholderHtml: "<p>stale</p>", teamHtml: null, htmlRenderer: "an-old-release" },
    });
    const scope = mintTeamScope(t.team.id);
    const html = await currentHtml((await findTeamVersionHtml(scope, versionId))!, "team");
    const row = await testDb.reportVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(html).toBe(renderReportHtml(parseSnapshot(row.snapshot), "team"));
    expect(row).toMatchObject({
      teamHtml: html,
      htmlRenderer: rendererFingerprint(),
      stakeholderHtml: renderReportHtml(parseSnapshot(row.snapshot), "stakeholder"),
    });
  });
});

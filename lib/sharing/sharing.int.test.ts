import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireTeam } from "@/lib/auth/session";
import { stopSender } from "@/lib/jobs/sender";
import { signInAs } from "@/test/session";
import { createIncident, createTeamWithMembers, createUser, testDb } from "@/test/factory";
import {
  resendShareAction,
  revokeGrantAction,
  revokeShareAction,
  shareReportAction,
  updateSharingSettingsAction,
} from "./actions";
import { publishReport } from "./int-fixtures";
import { listPortalReports } from "./data";
import { takeRateLimit } from "./mutations";
import { SHARE_VIEW_LIMIT, take, type Bucket } from "./rate-limit";
import { expiryFrom, generateShareToken, hashShareToken } from "./tokens";
import { withReaderAids } from "@/components/reports/report-toc";
import { openShareLink } from "./view";
import { flushViews, pendingViews, queuePortalView, queueShareView } from "./view-log";
import { publishedHtmlCache } from "@/lib/reports/html-cache";
import { form } from "@/test/actions";

type Fixture = Awaited<ReturnType<typeof createTeamWithMembers>>;
let a: Fixture;
let b: Fixture;
let incident: Awaited<ReturnType<typeof createIncident>>;
let version: Awaited<ReturnType<typeof publishReport>>;
let clientSeq = 0;
const client = () => `test-client-${Date.now()}-${++clientSeq}`;

const share = (fields: Partial<Record<"recipients" | "message" | "days" | "mode", string>> = {}) =>
  shareReportAction(
    incident.id,
    { ok: true },
    form({ recipients: "x@example.test", days: "7", mode: "ANYONE_WITH_LINK", ...fields }),
  );

async function directLink(
  overrides: {
    mode?: "ANYONE_WITH_LINK" | "CONFIRM_EMAIL";
    expiresAt?: Date;
    recipientEmail?: string;
  } = {},
) {
  const { token, tokenHash } = generateShareToken();
  const link = await testDb.shareLink.create({
    data: {
      reportVersionId: version.id,
      recipientEmail:
        overrides.recipientEmail ?? `direct.${Date.now()}.${++clientSeq}@example.test`,
      tokenHash,
      mode: overrides.mode ?? "ANYONE_WITH_LINK",
      expiresAt: overrides.expiresAt ?? expiryFrom(new Date(), 7),
      createdById: a.editor.id,
    },
  });
  return { token, link };
}

beforeAll(async () => {
  a = await createTeamWithMembers("Sharers");
  b = await createTeamWithMembers("Others");
  incident = await createIncident(a.team.id, a.owner.id, { title: "Checkout errors" });
  version = await publishReport(incident, a.owner.id);
});

afterAll(async () => {
  signInAs(null);
  await stopSender();
});

describe("sharing a published report", () => {
  it("lets an editor share with two addresses: links, grants, audit and queued emails, no token stored", async () => {
    signInAs(a.editor.id, a.team.id);
    const result = await share({
      recipients: "One@Example.test,\ntwo@example.test",
      message: "Please read section 4",
    });
    expect(result).toMatchObject({
      ok: true,
      message: "Shared with 2 people. The emails are on their way.",
    });
    const links = await testDb.shareLink.findMany({
      where: {
        reportVersionId: version.id,
        recipientEmail: { in: ["one@example.test", "two@example.test"] },
      },
    });
    expect(links).toHaveLength(2);
    for (const l of links) {
      expect(l).toMatchObject({
        deliveryState: "QUEUED",
        message: "Please read section 4",
        mode: "ANYONE_WITH_LINK",
        createdById: a.editor.id,
      });
      expect(l.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(l.expiresAt.getTime() - l.createdAt.getTime()).toBeGreaterThan(6.9 * 86_400_000);
    }
    expect(
      await testDb.stakeholderGrant.count({
        where: {
          reportVersionId: version.id,
          email: { in: ["one@example.test", "two@example.test"] },
          revokedAt: null,
        },
      }),
    ).toBe(2);
    expect(
      await testDb.auditEvent.count({
        where: { action: "share.create", entityId: { in: links.map((l) => l.id) } },
      }),
    ).toBe(2);
    const jobs = await testDb.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email' AND data->'share'->>'id' = ANY($1::text[])`,
      links.map((l) => l.id),
    );
    expect(jobs[0]!.n).toBe(2);
  });

  it("names each bad address and saves nothing", async () => {
    signInAs(a.editor.id, a.team.id);
    const before = await testDb.shareLink.count();
    const result = await share({ recipients: "ok@example.test, bob@" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors?.recipients).toEqual([
      '"bob@" is not a valid email address.',
    ]);
    expect(await testDb.shareLink.count()).toBe(before);
  });

  it("keeps lifetime and mode within the team's policy", async () => {
    signInAs(a.editor.id, a.team.id);
    await testDb.team.update({
      where: { id: a.team.id },
      data: { shareLinkMaxDays: 10, allowAnonymousShareLink: false },
    });
    const tooLong = await share({ days: "11", mode: "CONFIRM_EMAIL" });
    expect(!tooLong.ok && tooLong.fieldErrors?.days).toEqual([
      "Links may last at most 10 days (team policy).",
    ]);
    const anonymous = await share({ days: "5" });
    expect(!anonymous.ok && anonymous.fieldErrors?.mode?.[0]).toMatch(/confirm their email/);
    await testDb.team.update({
      where: { id: a.team.id },
      data: { shareLinkMaxDays: 90, allowAnonymousShareLink: true },
    });
  });

  it("refuses viewers, hides other teams' incidents, and needs a published version", async () => {
    signInAs(a.viewer.id, a.team.id);
    expect(await share()).toMatchObject({
      ok: false,
      message: "You do not have permission to do that.",
    });
    signInAs(b.owner.id, b.team.id);
    expect(await share()).toMatchObject({ ok: false, message: "Incident not found." });
    const { link } = await directLink();
    expect(await revokeShareAction(incident.id, link.id, { ok: true })).toMatchObject({
      ok: false,
      message: "Incident not found.",
    });
    const draftOnly = await createIncident(a.team.id, a.owner.id, { title: "Unpublished" });
    signInAs(a.editor.id, a.team.id);
    const result = await shareReportAction(
      draftOnly.id,
      { ok: true },
      form({ recipients: "x@example.test", days: "7", mode: "ANYONE_WITH_LINK" }),
    );
    expect(result).toMatchObject({
      ok: false,
      message: "This report has not been published yet. Publish it before sharing.",
    });
  });
});

describe("opening a link", () => {
  it("shows the published version, counts the view and audits it as the recipient", async () => {
    const { token, link } = await directLink();
    const now = new Date();
    const access = await openShareLink(token, { client: client(), now });
    expect(access.kind).toBe("ok");
    expect(access.kind === "ok" && access.versionId).toBe(version.id);
    await openShareLink(token, { client: client(), now });
    const row = await testDb.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.viewCount).toBe(2);
    expect(row.lastViewedAt?.getTime()).toBe(now.getTime());
    const audit = await testDb.auditEvent.findMany({
      where: { action: "share.view", entityId: link.id },
    });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      actorLabel: link.recipientEmail,
      teamId: a.team.id,
      incidentId: incident.id,
      actorId: null,
    });
  });

  it("expires with the injected clock, and answers expired, revoked and unknown tokens alike", async () => {
    const created = new Date("2026-05-01T10:00:00Z");
    const { token, link } = await directLink({ expiresAt: expiryFrom(created, 3) });
    expect(
      (await openShareLink(token, { client: client(), now: new Date("2026-05-04T09:59:59Z") }))
        .kind,
    ).toBe("ok");
    expect(
      await openShareLink(token, { client: client(), now: new Date("2026-05-04T10:00:00Z") }),
    ).toEqual({ kind: "not-found" });
    expect(
      await openShareLink(generateShareToken().token, { client: client(), now: created }),
    ).toEqual({ kind: "not-found" });
    expect(await openShareLink("not-a-token", { client: client(), now: created })).toEqual({
      kind: "not-found",
    });
    // A token differing in one character, same shape: the constant-time comparison path says no.
    const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(hashShareToken(flipped)).not.toBe(link.tokenHash);
    expect(await openShareLink(flipped, { client: client(), now: created })).toEqual({
      kind: "not-found",
    });
  });

  it("revocation takes effect on the next request; resend replaces the token", async () => {
    signInAs(a.editor.id, a.team.id);
    const { token, link } = await directLink();
    expect((await openShareLink(token, { client: client(), now: new Date() })).kind).toBe("ok");
    const resent = await resendShareAction(incident.id, link.id, { ok: true });
    expect(resent).toMatchObject({ ok: true });
    expect(await openShareLink(token, { client: client(), now: new Date() })).toEqual({
      kind: "not-found",
    });
    const after = await testDb.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(after.tokenHash).not.toBe(link.tokenHash);
    expect(after.deliveryState).toBe("QUEUED");

    const second = await directLink();
    expect(await revokeShareAction(incident.id, second.link.id, { ok: true })).toMatchObject({
      ok: true,
    });
    expect(await openShareLink(second.token, { client: client(), now: new Date() })).toEqual({
      kind: "not-found",
    });
    expect(await resendShareAction(incident.id, second.link.id, { ok: true })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/revoked/),
    });
    signInAs(a.viewer.id, a.team.id);
    const third = await directLink();
    expect(await revokeShareAction(incident.id, third.link.id, { ok: true })).toMatchObject({
      ok: false,
      message: "You do not have permission to do that.",
    });
  });

  it("asks for email confirmation before a confirm-email link opens", async () => {
    const { token } = await directLink({
      mode: "CONFIRM_EMAIL",
      recipientEmail: "confirm.me@example.test",
    });
    const anonymous = await openShareLink(token, { client: client(), now: new Date() });
    expect(anonymous).toEqual({
      kind: "confirm",
      maskedEmail: "c•••@example.test",
      signedInAs: null,
    });
    expect(
      (
        await openShareLink(token, {
          client: client(),
          now: new Date(),
          viewerEmail: "someone.else@example.test",
        })
      ).kind,
    ).toBe("confirm");
    expect(
      (
        await openShareLink(token, {
          client: client(),
          now: new Date(),
          viewerEmail: "Confirm.Me@example.test",
        })
      ).kind,
    ).toBe("ok");
  });
});

describe("guessing protection", () => {
  it("charges nothing for opening a valid link: a reader is never limited, and nothing is written", async () => {
    const reader = client();
    const { token } = await directLink();
    for (let i = 0; i < 40; i++)
      expect((await openShareLink(token, { client: reader, now: new Date() })).kind).toBe("ok");
    expect(
      await testDb.rateLimitBucket.findUnique({ where: { key: `share:${reader}` } }),
    ).toBeNull();
    // One miss from the same address is charged as before.
    await openShareLink(generateShareToken().token, { client: reader, now: new Date() });
    expect(
      (await testDb.rateLimitBucket.findUniqueOrThrow({ where: { key: `share:${reader}` } }))
        .tokens,
    ).toBeCloseTo(30 - 11, 0);
  });

  it("the database bucket follows the pure token-bucket rule", async () => {
    const key = `bucket-${Date.now()}`;
    const t0 = new Date("2026-06-01T00:00:00Z");
    let expected: Bucket | null = null;
    const steps: [number, number][] = [
      [0, 1],
      [0, 10],
      [0, 10],
      [0, 10],
      [0, 1],
      [5, 1],
      [30, 1],
      [31, 10],
      [200, 1],
    ];
    for (const [seconds, cost] of steps) {
      const now = new Date(t0.getTime() + seconds * 1000);
      const want = take(expected, now, cost, SHARE_VIEW_LIMIT);
      const got = await takeRateLimit(key, cost, now, SHARE_VIEW_LIMIT);
      expect(got.allowed).toBe(want.allowed);
      expect(got.bucket.tokens).toBeCloseTo(want.bucket.tokens, 6);
      expect(got.retryAfterSeconds).toBe(want.retryAfterSeconds);
      expected = want.bucket;
    }
  });

  it("blocks an address after a few misses, tells it when to retry, and leaves others alone", async () => {
    const guesser = client();
    const now = new Date();
    const { token } = await directLink();
    const results = [];
    for (let i = 0; i < 4; i++)
      results.push(await openShareLink(generateShareToken().token, { client: guesser, now }));
    expect(results.slice(0, 3).every((r) => r.kind === "not-found")).toBe(true);
    expect(results[3]).toMatchObject({ kind: "limited" });
    const retryAfter = results[3]!.kind === "limited" ? results[3]!.retryAfterSeconds : 0;
    expect(retryAfter).toBeGreaterThan(0);
    // Even a valid token is refused while blocked; another address is unaffected.
    expect((await openShareLink(token, { client: guesser, now })).kind).toBe("limited");
    expect((await openShareLink(token, { client: client(), now })).kind).toBe("ok");
    const later = new Date(now.getTime() + (retryAfter + 60) * 1000);
    expect((await openShareLink(token, { client: guesser, now: later })).kind).toBe("ok");
  });
});

describe("the in-memory cache of published HTML", () => {
  it("never outlives the link: revoked, expired and resent links are refused though their HTML is cached", async () => {
    const { token, link } = await directLink({ expiresAt: new Date(Date.now() + 60_000) });
    const first = await openShareLink(token, { client: client(), now: new Date() });
    expect(first.kind).toBe("ok");
    const cachedBefore = publishedHtmlCache().size;
    expect(cachedBefore).toBeGreaterThan(0);
    // A second view is served from the cache: same bytes, same object.
    const second = await openShareLink(token, { client: client(), now: new Date() });
    expect(second.kind === "ok" && first.kind === "ok" && second.bytes === first.bytes).toBe(true);

    // Expiry by the clock, then revocation straight in the database: refused on the next request.
    expect(
      await openShareLink(token, { client: client(), now: new Date(Date.now() + 61_000) }),
    ).toEqual({ kind: "not-found" });
    await testDb.shareLink.update({ where: { id: link.id }, data: { revokedAt: new Date() } });
    expect(await openShareLink(token, { client: client(), now: new Date() })).toEqual({
      kind: "not-found",
    });
    expect(publishedHtmlCache().size).toBe(cachedBefore);
  });

  it("shows a newly published version's own HTML, and the old link keeps its version", async () => {
    // Its own incident: the other tests share the first incident's newest version.
    const own = await createIncident(a.team.id, a.owner.id, { title: "Cache check" });
    const link = async (versionId: string) => {
      const { token, tokenHash } = generateShareToken();
      await testDb.shareLink.create({
        data: {
          reportVersionId: versionId,
          recipientEmail: `cache.${++clientSeq}@example.test`,
          tokenHash,
          expiresAt: expiryFrom(new Date(), 7),
          createdById: a.editor.id,
        },
      });
      return token;
    };
    const v1 = await publishReport(own, a.owner.id);
    const oldToken = await link(v1.id);
    const before = await openShareLink(oldToken, { client: client(), now: new Date() });
    const v2 = await publishReport({ ...own, title: "Cache check, second look" }, a.owner.id);
    const after = await openShareLink(await link(v2.id), { client: client(), now: new Date() });
    expect(after).toMatchObject({ kind: "ok", versionId: v2.id });
    expect(after.kind === "ok" && after.html).toContain("Cache check, second look");
    expect(before.kind === "ok" && before.html).not.toContain("second look");
    const again = await openShareLink(oldToken, { client: client(), now: new Date() });
    expect(again).toMatchObject({ kind: "ok", versionId: v1.id });
    expect(again.kind === "ok" && before.kind === "ok" && again.html === before.html).toBe(true);
    const stored = await testDb.reportVersion.findUniqueOrThrow({ where: { id: v2.id } });
    // Served: the stored HTML with its reading aids (contents, labelled cells); stored: unchanged.
    expect(after.kind === "ok" && after.html).toBe(withReaderAids(stored.stakeholderHtml!));
  });
});

describe("views written in batches", () => {
  it("counts every queued view, keeps the latest time and audits each one", async () => {
    const one = await directLink();
    const two = await directLink();
    const t0 = new Date("2026-07-01T10:00:00.000Z");
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    const view = (l: typeof one.link, now: Date, viewerEmail: string | null = null) => ({
      shareId: l.id,
      teamId: a.team.id,
      incidentId: incident.id,
      recipientEmail: l.recipientEmail,
      viewerEmail,
      now,
    });
    queueShareView(view(one.link, at(2)));
    queueShareView(view(one.link, at(1), "confirmed@example.test"));
    queueShareView(view(two.link, at(3)));
    queuePortalView({
      teamId: a.team.id,
      incidentId: incident.id,
      versionId: version.id,
      email: "portal.batch@example.test",
      userId: a.viewer.id,
      now: at(4),
    });
    expect(pendingViews()).toBe(4);
    // Nothing is written until the batch goes out.
    expect(
      (await testDb.shareLink.findUniqueOrThrow({ where: { id: one.link.id } })).viewCount,
    ).toBe(0);
    await flushViews();
    expect(pendingViews()).toBe(0);
    const rows = await testDb.shareLink.findMany({
      where: { id: { in: [one.link.id, two.link.id] } },
      orderBy: { viewCount: "desc" },
    });
    expect(rows.map((r) => [r.id, r.viewCount, r.lastViewedAt?.toISOString()])).toEqual([
      [one.link.id, 2, at(2).toISOString()],
      [two.link.id, 1, at(3).toISOString()],
    ]);
    const audit = await testDb.auditEvent.findMany({
      where: { action: "share.view", entityId: { in: [one.link.id, two.link.id] } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((e) => [e.entityId, e.actorLabel, e.createdAt.toISOString(), e.data])).toEqual(
      [
        [
          one.link.id,
          one.link.recipientEmail,
          at(1).toISOString(),
          { confirmedAs: "confirmed@example.test" },
        ],
        [one.link.id, one.link.recipientEmail, at(2).toISOString(), null],
        [two.link.id, two.link.recipientEmail, at(3).toISOString(), null],
      ],
    );
    expect(audit.every((e) => e.teamId === a.team.id && e.incidentId === incident.id)).toBe(true);
    const portal = await testDb.auditEvent.findMany({
      where: { action: "portal.view", actorLabel: "portal.batch@example.test" },
    });
    expect(portal).toHaveLength(1);
    expect(portal[0]).toMatchObject({
      actorId: a.viewer.id,
      entityType: "ReportVersion",
      entityId: version.id,
      teamId: a.team.id,
      createdAt: at(4),
    });
  });
});

describe("portal access and settings", () => {
  it("lists shared reports for the address, lets owners revoke access, and sends stakeholders to the portal", async () => {
    signInAs(a.editor.id, a.team.id);
    const stakeholder = await createUser("Stakeholder");
    await share({ recipients: stakeholder.email });
    expect((await listPortalReports(stakeholder.email)).map((r) => r.versionId)).toEqual([
      version.id,
    ]);
    expect(await listPortalReports(stakeholder.email, `INC-${incident.number}`)).toHaveLength(1);
    expect(await listPortalReports(stakeholder.email, "no such report")).toHaveLength(0);

    signInAs(stakeholder.id);
    await expect(requireTeam()).rejects.toThrow("NEXT_REDIRECT /portal");
    const nobody = await createUser("Nobody");
    signInAs(nobody.id);
    await expect(requireTeam()).rejects.toThrow("NEXT_REDIRECT /onboarding");

    const grant = await testDb.stakeholderGrant.findFirstOrThrow({
      where: { email: stakeholder.email },
    });
    signInAs(a.editor.id, a.team.id);
    expect(await revokeGrantAction(incident.id, grant.id, { ok: true })).toMatchObject({
      ok: false,
    });
    signInAs(a.owner.id, a.team.id);
    expect(await revokeGrantAction(incident.id, grant.id, { ok: true })).toMatchObject({
      ok: true,
    });
    expect(await listPortalReports(stakeholder.email)).toHaveLength(0);
    expect(
      await testDb.shareLink.count({
        where: { recipientEmail: stakeholder.email, revokedAt: null },
      }),
    ).toBe(0);
  });

  it("only owners change the sharing policy, within bounds", async () => {
    const settings = (fields: Record<string, string>) =>
      updateSharingSettingsAction({ ok: true }, form(fields));
    signInAs(a.editor.id, a.team.id);
    expect(await settings({ shareLinkDefaultDays: "5", shareLinkMaxDays: "10" })).toMatchObject({
      ok: false,
      message: "You do not have permission to do that.",
    });
    signInAs(a.owner.id, a.team.id);
    const bad = await settings({ shareLinkDefaultDays: "20", shareLinkMaxDays: "10" });
    expect(!bad.ok && bad.fieldErrors?.shareLinkDefaultDays).toEqual([
      "The default lifetime cannot be longer than the maximum.",
    ]);
    expect(await settings({ shareLinkDefaultDays: "5", shareLinkMaxDays: "10" })).toMatchObject({
      ok: true,
    });
    expect(await testDb.team.findUniqueOrThrow({ where: { id: a.team.id } })).toMatchObject({
      shareLinkDefaultDays: 5,
      shareLinkMaxDays: 10,
      allowAnonymousShareLink: false,
    });
  });
});

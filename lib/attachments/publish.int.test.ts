// A report published through the real workflow with evidence and attachments: the version
// records what it shows, its stored HTML shows the files and the evidence, the share link's page
// points at the link's own route, and removing a file later does not change the version.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as sharedGet } from "@/app/r/[token]/files/[id]/route";
import { mintTeamScope } from "@/lib/auth/scope";
import {
  decideReviewAction,
  publishReportAction,
  requestReviewAction,
  saveNarrativeAction,
} from "@/lib/reports/actions";
import { ensureReport } from "@/lib/reports/mutations";
import { renderReportHtml } from "@/components/reports/report-html";
import { parseSnapshot } from "@/lib/reports/snapshot-schema";
import { CONFIRM_ALL_EMPTY } from "@/lib/reports/test-fixtures";
import { snapshotToMarkdown } from "@/lib/reports/text";
import { generateShareToken } from "@/lib/sharing/tokens";
import { openShareLink } from "@/lib/sharing/view";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import { createAttachment, removeAttachment } from "./mutations";

const PNG_1x1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const form = (values: Record<string, string | string[]>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values))
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
};
const png = { bytes: PNG_1x1, contentType: "image/png" as const, width: 1, height: 1 };

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let incidentId: string;
let versionId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTeamWithMembers("Evidence");
  incidentId = (await createIncident(t.team.id, t.owner.id, { title: "Replica lag" })).id;
  const scope = mintTeamScope(t.team.id);
  const alert = await testDb.timelineEvent.create({
    data: {
      incidentId,
      occurredAt: new Date("2026-01-10T14:04:00Z"),
      kind: "ALERT",
      body: "Replica lag above 30 s",
      isKey: true,
    },
  });
  const root = await testDb.whyNode.create({
    data: { incidentId, statement: "Reads went to a lagging replica", isRootCause: true },
  });
  await testDb.whyNodeEvidence.createMany({
    data: [
      { nodeId: root.id, timelineEventId: alert.id },
      { nodeId: root.id, url: "https://grafana.example/d/lag", label: "Lag dashboard" },
    ],
  });
  const add = async (key: string, target: Parameters<typeof createAttachment>[2]["target"]) =>
    (ids[key] = (
      await createAttachment(scope, t.editor.id, {
        incidentId,
        target,
        filename: `${key}.png`,
        caption: `Caption ${key}`,
        ...png,
      })
    ).id);
  await add("section", { kind: "section", sectionKey: "summary" });
  await add("event", { kind: "event", timelineEventId: alert.id });
  await add("incident", { kind: "incident" });
  await add("removedBefore", { kind: "incident" });
  await removeAttachment(scope, t.editor.id, { incidentId, attachmentId: ids.removedBefore });

  await ensureReport(scope, incidentId);
  const report = () => testDb.report.findUniqueOrThrow({ where: { incidentId } });
  signInAs(t.editor.id, t.team.id);
  await saveNarrativeAction(incidentId, {
    baseVersion: (await report()).version,
    changes: { summary: "Reads were stale for 20 minutes." },
    baseline: {},
  });
  expect(
    await requestReviewAction(
      incidentId,
      { ok: true },
      form({
        baseVersion: String((await report()).version),
        reviewerIds: [t.owner.id],
        confirmEmpty: CONFIRM_ALL_EMPTY,
      }),
    ),
  ).toMatchObject({ ok: true });
  signInAs(t.owner.id, t.team.id);
  await decideReviewAction(
    incidentId,
    { ok: true },
    form({ decision: "APPROVED", sectionKey: "summary", body: "" }),
  );
  expect(
    await publishReportAction(
      incidentId,
      { ok: true },
      form({ baseVersion: String((await report()).version) }),
    ),
  ).toMatchObject({ ok: true });
  versionId = (await testDb.reportVersion.findFirstOrThrow({ where: { report: { incidentId } } }))
    .id;
});

describe("publishing a report with evidence and attachments", () => {
  it("records the files the version shows, and which the customer version shows", async () => {
    const rows = await testDb.reportVersionAttachment.findMany({
      where: { reportVersionId: versionId },
    });
    const byId = Object.fromEntries(rows.map((r) => [r.attachmentId, r.inCustomerVersion]));
    expect(byId).toEqual({ [ids.section]: true, [ids.event]: false, [ids.incident]: false });
  });

  it("stores HTML that shows the files and the cited evidence, and the Markdown lists both", async () => {
    const v = await testDb.reportVersion.findUniqueOrThrow({ where: { id: versionId } });
    const snap = parseSnapshot(v.snapshot);
    expect(snap.evidence).toHaveLength(2);
    expect(v.teamHtml).toContain(`src="/api/attachments/${ids.section}"`);
    expect(v.teamHtml).toContain(`src="/api/attachments/${ids.event}"`);
    expect(v.teamHtml).toContain("Supporting information");
    expect(v.teamHtml).toContain("Replica lag above 30 s");
    expect(v.teamHtml).toContain("https://grafana.example/d/lag");
    expect(v.teamHtml).not.toContain(ids.removedBefore);
    expect(v.customerHtml).toContain(`src="/api/attachments/${ids.section}"`);
    expect(v.customerHtml).not.toContain(ids.event);
    const md = snapshotToMarkdown(snap);
    expect(md).toContain("- Reads went to a lagging replica (evidence E1, E2)");
    expect(md).toContain(
      `- Attached: incident.png (PNG image, ${PNG_1x1.length} bytes): Caption incident`,
    );
  });

  it("a share link's page loads them through the link, and removing one later changes nothing published", async () => {
    const { token, tokenHash } = generateShareToken();
    await testDb.shareLink.create({
      data: {
        reportVersionId: versionId,
        recipientEmail: "vp@customer.test",
        tokenHash,
        expiresAt: new Date(Date.now() + 86_400_000),
        createdById: t.owner.id,
      },
    });
    const open = () => openShareLink(token, { client: "203.0.113.7", now: new Date() });
    const access = await open();
    expect(access.kind).toBe("ok");
    const html = access.kind === "ok" ? access.html : "";
    expect(html).toContain(`src="/r/${token}/files/${ids.section}"`);
    expect(html).not.toContain("/api/attachments/");
    if (access.kind === "ok") expect(new TextDecoder().decode(access.bytes)).toBe(html);

    signInAs(t.editor.id, t.team.id);
    await removeAttachment(mintTeamScope(t.team.id), t.editor.id, {
      incidentId,
      attachmentId: ids.event,
    });
    signInAs(null);
    const fetched = await sharedGet(new Request(`http://localhost/r/${token}/files/${ids.event}`), {
      params: Promise.resolve({ token, id: ids.event }),
    });
    expect(fetched.status).toBe(200);
    // Rendered again from the frozen snapshot (a new release's renderer): still there.
    const v = await testDb.reportVersion.findUniqueOrThrow({ where: { id: versionId } });
    const again = renderReportHtml(parseSnapshot(v.snapshot), "team");
    expect(again).toContain(`src="/api/attachments/${ids.event}"`);
  });
});

// Attachments through the real routes and action against PostgreSQL: type decided by content,
// stored as bytea, and served only to those who may read them — team members by role, a share
// link's holder and a portal reader only for what their published version references.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as teamGet } from "@/app/api/attachments/[id]/route";
import { POST as upload } from "@/app/api/incidents/[id]/attachments/route";
import { GET as sharedGet } from "@/app/r/[token]/files/[id]/route";
import { initialResult } from "@/lib/action-result";
import { publishReport } from "@/lib/sharing/int-fixtures";
import { generateShareToken } from "@/lib/sharing/tokens";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import { deleteAttachmentAction } from "./actions";

const PNG_1x1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const ORIGIN = "http://hindsight.test";

function send(
  incidentId: string,
  file: { bytes: Uint8Array; name: string; type?: string },
  fields: Record<string, string> = { target: "incident" },
  origin: string | null = ORIGIN,
) {
  const fd = new FormData();
  fd.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "" }));
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  const headers: Record<string, string> = { host: "hindsight.test" };
  if (origin) headers.origin = origin;
  return upload(
    new Request(`${ORIGIN}/api/incidents/${incidentId}/attachments`, {
      method: "POST",
      body: fd,
      headers,
    }),
    { params: Promise.resolve({ id: incidentId }) },
  );
}
const uploaded = async (response: Response) => {
  expect(response.status).toBe(201);
  return ((await response.json()) as { attachment: { id: string } }).attachment.id;
};
const fetchTeam = (id: string) =>
  teamGet(new Request(`${ORIGIN}/api/attachments/${id}`), { params: Promise.resolve({ id }) });
const fetchShared = (token: string, id: string) =>
  sharedGet(
    new Request(`${ORIGIN}/r/${token}/files/${id}`, { headers: { "x-real-ip": "203.0.113.9" } }),
    { params: Promise.resolve({ token, id }) },
  );
const remove = (incidentId: string, attachmentId: string) => {
  const fd = new FormData();
  fd.append("incidentId", incidentId);
  fd.append("attachmentId", attachmentId);
  return deleteAttachmentAction(initialResult, fd);
};

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let other: Awaited<ReturnType<typeof createTeamWithMembers>>;
let incident: Awaited<ReturnType<typeof createIncident>>;
let otherIncident: Awaited<ReturnType<typeof createIncident>>;

beforeAll(async () => {
  t = await createTeamWithMembers("Attach Team");
  other = await createTeamWithMembers("Attach Other");
  incident = await createIncident(t.team.id, t.owner.id, { title: "Disk full on db-1" });
  otherIncident = await createIncident(other.team.id, other.owner.id);
});
afterAll(() => signInAs(null));

describe("uploading", () => {
  it("stores a PNG named .pdf as a PNG (the content decides), audited, served inline with nosniff", async () => {
    signInAs(t.editor.id, t.team.id);
    const id = await uploaded(
      await send(
        incident.id,
        { bytes: PNG_1x1, name: "grafana panel.pdf", type: "application/pdf" },
        { target: "incident", caption: "Disk usage on db-1" },
      ),
    );
    const row = await testDb.attachment.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      teamId: t.team.id,
      incidentId: incident.id,
      contentType: "image/png",
      filename: "grafana panel.png",
      caption: "Disk usage on db-1",
      size: PNG_1x1.length,
      width: 1,
      height: 1,
      createdById: t.editor.id,
    });
    expect(Buffer.from(row.bytes).equals(PNG_1x1)).toBe(true);
    const audit = await testDb.auditEvent.findFirstOrThrow({
      where: { action: "attachment.create", entityId: id },
    });
    expect(audit).toMatchObject({ actorId: t.editor.id, incidentId: incident.id });

    const response = await fetchTeam(id);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG_1x1)).toBe(true);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-disposition")).toBe(
      "inline; filename=\"grafana panel.png\"; filename*=UTF-8''grafana%20panel.png",
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
  });

  it("refuses HTML named .png and SVG with a message on the file field, storing nothing", async () => {
    signInAs(t.editor.id, t.team.id);
    const before = await testDb.attachment.count();
    for (const [body, name, type] of [
      ["<!DOCTYPE html><html><script>alert(1)</script></html>", "shot.png", "image/png"],
      ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "chart.svg", "image/svg+xml"],
    ]) {
      const response = await send(incident.id, {
        bytes: new TextEncoder().encode(body),
        name,
        type,
      });
      expect(response.status).toBe(422);
      const json = (await response.json()) as { fieldErrors: { file: string[] } };
      expect(json.fieldErrors.file[0]).toMatch(/HTML, SVG and XML files are not accepted/);
    }
    const binary = await send(incident.id, {
      bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]),
      name: "tool.exe",
    });
    expect(((await binary.json()) as { fieldErrors: { file: string[] } }).fieldErrors.file).toEqual(
      [
        "This file type is not accepted. Attach an image (PNG, JPEG, GIF, WebP), a PDF, or a text file (.txt, .log, .csv, .json).",
      ],
    );
    expect(await testDb.attachment.count()).toBe(before);
  });

  it("refuses a file over the size limit with the limit in the message", async () => {
    signInAs(t.editor.id, t.team.id);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG_1x1);
    const response = await send(incident.id, { bytes: big, name: "huge.png" });
    expect(response.status).toBe(422);
    expect(
      ((await response.json()) as { fieldErrors: { file: string[] } }).fieldErrors.file,
    ).toEqual(["Files can be at most 10 MB; this one is 10 MB."]);
  });

  it("serves a log as a text/plain download, never inline", async () => {
    signInAs(t.owner.id, t.team.id);
    const id = await uploaded(
      await send(incident.id, {
        bytes: new TextEncoder().encode("12:01 ERROR disk full\n"),
        name: "../../etc/db-1.log",
      }),
    );
    const response = await fetchTeam(id);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="db-1.log"/);
  });

  it("attaches to a timeline event of this incident only", async () => {
    signInAs(t.editor.id, t.team.id);
    const event = await testDb.timelineEvent.create({
      data: { incidentId: incident.id, occurredAt: new Date(), kind: "ALERT", body: "Disk alert" },
    });
    const foreign = await testDb.timelineEvent.create({
      data: { incidentId: otherIncident.id, occurredAt: new Date(), kind: "NOTE", body: "x" },
    });
    const id = await uploaded(
      await send(
        incident.id,
        { bytes: PNG_1x1, name: "alert.png" },
        { target: "event", timelineEventId: event.id },
      ),
    );
    expect((await testDb.attachment.findUniqueOrThrow({ where: { id } })).timelineEventId).toBe(
      event.id,
    );
    const refused = await send(
      incident.id,
      { bytes: PNG_1x1, name: "alert.png" },
      { target: "event", timelineEventId: foreign.id },
    );
    expect(refused.status).toBe(404);
    const noSection = await send(
      incident.id,
      { bytes: PNG_1x1, name: "a.png" },
      { target: "section" },
    );
    expect(noSection.status).toBe(422);
    expect(((await noSection.json()) as { fieldErrors: object }).fieldErrors).toEqual({
      sectionKey: ["Choose a report section."],
    });
  });

  it("refuses an upload sent from another site", async () => {
    signInAs(t.editor.id, t.team.id);
    expect(
      (
        await send(
          incident.id,
          { bytes: PNG_1x1, name: "a.png" },
          undefined,
          "https://evil.example",
        )
      ).status,
    ).toBe(403);
    expect(
      (await send(incident.id, { bytes: PNG_1x1, name: "a.png" }, undefined, null)).status,
    ).toBe(403);
  });
});

describe("who may read, upload and delete", () => {
  let id: string;
  beforeAll(async () => {
    signInAs(t.editor.id, t.team.id);
    id = await uploaded(await send(incident.id, { bytes: PNG_1x1, name: "panel.png" }));
  });

  it("a viewer reads but can neither upload nor delete", async () => {
    signInAs(t.viewer.id, t.team.id);
    expect((await fetchTeam(id)).status).toBe(200);
    expect((await send(incident.id, { bytes: PNG_1x1, name: "v.png" })).status).toBe(403);
    expect((await remove(incident.id, id)).ok).toBe(false);
    expect(await testDb.attachment.count({ where: { id } })).toBe(1);
  });

  it("another team's member gets 404 for reading, uploading and deleting", async () => {
    signInAs(other.owner.id, other.team.id);
    expect((await fetchTeam(id)).status).toBe(404);
    expect((await send(incident.id, { bytes: PNG_1x1, name: "x.png" })).status).toBe(404);
    const result = await remove(incident.id, id);
    expect(result.ok).toBe(false);
    expect(await testDb.attachment.count({ where: { id } })).toBe(1);
  });

  it("nobody signed in gets 401", async () => {
    signInAs(null);
    expect((await fetchTeam(id)).status).toBe(401);
  });
});

describe("published versions: share links, the portal, and removal", () => {
  let shown: string;
  let notShown: string;
  let forCustomers: string;
  let versionId: string;
  let token: string;

  async function link(
    data: { revokedAt?: Date; expiresAt?: Date; audience?: "INTERNAL" | "CUSTOMER" } = {},
  ) {
    const { token: tk, tokenHash } = generateShareToken();
    await testDb.shareLink.create({
      data: {
        reportVersionId: versionId,
        recipientEmail: "cto@customer.test",
        tokenHash,
        expiresAt: data.expiresAt ?? new Date(Date.now() + 86_400_000),
        revokedAt: data.revokedAt,
        audience: data.audience,
        createdById: t.owner.id,
      },
    });
    return tk;
  }

  beforeAll(async () => {
    signInAs(t.editor.id, t.team.id);
    shown = await uploaded(await send(incident.id, { bytes: PNG_1x1, name: "shown.png" }));
    notShown = await uploaded(await send(incident.id, { bytes: PNG_1x1, name: "draft.png" }));
    forCustomers = await uploaded(
      await send(
        incident.id,
        { bytes: PNG_1x1, name: "p99.png" },
        { target: "section", sectionKey: "summary" },
      ),
    );
    const version = await publishReport(incident, t.owner.id);
    versionId = version.id;
    await testDb.reportVersionAttachment.createMany({
      data: [
        { reportVersionId: versionId, attachmentId: shown },
        { reportVersionId: versionId, attachmentId: forCustomers, inCustomerVersion: true },
      ],
    });
    token = await link();
  });

  // Every request here comes from one client: refused links must not rate-limit the next test.
  beforeEach(() => testDb.rateLimitBucket.deleteMany({ where: { key: { startsWith: "share:" } } }));

  it("a link's holder gets what its version shows, nothing else", async () => {
    signInAs(null);
    const ok = await fetchShared(token, shown);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await fetchShared(token, notShown)).status).toBe(404);
  });

  it("a revoked or expired link gets nothing", async () => {
    signInAs(null);
    const revoked = await link({ revokedAt: new Date(Date.now() - 1000) });
    const expired = await link({ expiresAt: new Date(Date.now() - 1000) });
    expect((await fetchShared(revoked, shown)).status).toBe(404);
    expect((await fetchShared(expired, shown)).status).toBe(404);
    expect((await fetchShared("not-a-token", shown)).status).toBe(404);
  });

  it("a portal reader gets the attachments of a report granted to them only", async () => {
    const reader = await testDb.user.create({ data: { email: "reader@customer.test" } });
    const stranger = await testDb.user.create({ data: { email: "stranger@customer.test" } });
    const grant = await testDb.stakeholderGrant.create({
      data: { reportVersionId: versionId, email: reader.email },
    });
    signInAs(reader.id);
    expect((await fetchTeam(shown)).status).toBe(200);
    expect((await fetchTeam(notShown)).status).toBe(404);
    signInAs(stranger.id);
    expect((await fetchTeam(shown)).status).toBe(404);
    await testDb.stakeholderGrant.update({
      where: { id: grant.id },
      data: { revokedAt: new Date() },
    });
    signInAs(reader.id);
    expect((await fetchTeam(shown)).status).toBe(404);
    signInAs(null);
    expect((await fetchTeam(shown)).status).toBe(401);
  });

  it("the customer version's link and grant get only the files the customer version shows", async () => {
    signInAs(null);
    const customerLink = await link({ audience: "CUSTOMER" });
    expect((await fetchShared(customerLink, forCustomers)).status).toBe(200);
    expect((await fetchShared(customerLink, shown)).status).toBe(404);
    expect((await fetchShared(token, forCustomers)).status).toBe(200);

    const customer = await testDb.user.create({ data: { email: "buyer@customer.test" } });
    await testDb.stakeholderGrant.create({
      data: { reportVersionId: versionId, email: customer.email, audience: "CUSTOMER" },
    });
    signInAs(customer.id);
    expect((await fetchTeam(forCustomers)).status).toBe(200);
    expect((await fetchTeam(shown)).status).toBe(404);
  });

  it("removing keeps what a published version shows and deletes the rest, audited both ways", async () => {
    signInAs(t.editor.id, t.team.id);
    expect(await remove(incident.id, shown)).toMatchObject({
      ok: true,
      message: "Attachment removed. Published versions that show it keep it.",
    });
    expect(await remove(incident.id, notShown)).toMatchObject({
      ok: true,
      message: "Attachment removed.",
    });
    expect(
      (await testDb.attachment.findUniqueOrThrow({ where: { id: shown } })).deletedAt,
    ).not.toBeNull();
    expect(await testDb.attachment.count({ where: { id: notShown } })).toBe(0);
    const audits = await testDb.auditEvent.findMany({
      where: { action: "attachment.delete", entityId: { in: [shown, notShown] } },
      select: { entityId: true, actorId: true, data: true },
    });
    expect(audits).toHaveLength(2);
    expect(audits.find((a) => a.entityId === shown)?.data).toMatchObject({
      keptForPublishedVersions: true,
    });
    // The version still shows it, to the link's holder and to the team.
    signInAs(null);
    expect((await fetchShared(token, shown)).status).toBe(200);
    signInAs(t.viewer.id, t.team.id);
    expect((await fetchTeam(shown)).status).toBe(200);
    // Removed once: a second removal is "not found".
    signInAs(t.editor.id, t.team.id);
    expect((await remove(incident.id, shown)).ok).toBe(false);
  });
});

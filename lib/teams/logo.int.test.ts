// Team logos through the real action and route: checked by content, stored in PostgreSQL,
// served with headers that keep them images, changed only by owners.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/logos/[id]/route";
import { initialResult } from "@/lib/action-result";
import { createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import { removeTeamLogoAction, uploadTeamLogoAction } from "./actions";

const PNG_1x1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const upload = (bytes: Uint8Array, name: string, type: string) => {
  const fd = new FormData();
  fd.append("logo", new File([new Uint8Array(bytes)], name, { type }));
  return uploadTeamLogoAction(initialResult, fd);
};
const fetchLogo = (id: string) =>
  GET(new Request(`http://localhost/api/logos/${id}`), { params: Promise.resolve({ id }) });

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
beforeAll(async () => {
  t = await createTeamWithMembers("Logo Team");
});
afterAll(() => signInAs(null));

describe("team logo", () => {
  it("an owner uploads a PNG: stored with its checked type and size, audited, served as an image", async () => {
    signInAs(t.owner.id, t.team.id);
    // The browser's declared type is ignored: the content decides.
    expect(await upload(PNG_1x1, "logo.gif", "application/octet-stream")).toMatchObject({
      ok: true,
      message: "Logo saved. Reports published from now on carry it.",
    });
    const team = await testDb.team.findUniqueOrThrow({ where: { id: t.team.id } });
    const row = await testDb.teamLogo.findUniqueOrThrow({ where: { id: team.logoId! } });
    expect(row).toMatchObject({
      teamId: t.team.id,
      contentType: "image/png",
      width: 1,
      height: 1,
      createdById: t.owner.id,
    });
    expect(
      await testDb.auditEvent.count({ where: { action: "team.logo.set", entityId: t.team.id } }),
    ).toBe(1);

    const response = await fetchLogo(row.id);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG_1x1)).toBe(true);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-disposition")).toBe(
      "inline; filename=\"logo.png\"; filename*=UTF-8''logo.png",
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
  });

  it("refuses SVG and disguised HTML with a field message, saving nothing", async () => {
    signInAs(t.owner.id, t.team.id);
    const before = await testDb.teamLogo.count();
    for (const [body, name, type] of [
      ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "logo.svg", "image/svg+xml"],
      ["<html><script>alert(1)</script></html>", "logo.png", "image/png"],
    ]) {
      const result = await upload(new TextEncoder().encode(body), name, type);
      expect(!result.ok && result.fieldErrors?.logo).toEqual([
        "Upload a PNG, JPEG, WebP or GIF image (SVG is not accepted: it can carry script).",
      ]);
    }
    expect(await testDb.teamLogo.count()).toBe(before);
  });

  it("lets only owners change it; removing keeps the bytes that published reports name", async () => {
    signInAs(t.editor.id, t.team.id);
    expect((await upload(PNG_1x1, "logo.png", "image/png")).ok).toBe(false);
    expect((await removeTeamLogoAction(initialResult, new FormData())).ok).toBe(false);
    const { logoId } = await testDb.team.findUniqueOrThrow({ where: { id: t.team.id } });
    expect(logoId).not.toBeNull();

    signInAs(t.owner.id, t.team.id);
    expect(await removeTeamLogoAction(initialResult, new FormData())).toMatchObject({ ok: true });
    expect((await testDb.team.findUniqueOrThrow({ where: { id: t.team.id } })).logoId).toBeNull();
    expect((await fetchLogo(logoId!)).status).toBe(200);
  });

  it("answers 404 for an unknown id", async () => {
    expect((await fetchLogo("no-such-logo")).status).toBe(404);
  });
});

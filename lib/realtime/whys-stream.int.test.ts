// Issue 8, item 12: the live 5 Whys stream stops when its viewer loses access, and one user
// cannot hold more than a few open.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/incidents/[id]/whys/stream/route";
import { createWhyNodeAction } from "@/lib/whys/actions";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import { openStreamCount, openWhysStream, STREAMS_PER_USER } from "./whys-stream";

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let incidentId: string;
let token: string;
const aborts: AbortController[] = [];

beforeEach(async () => {
  t = await createTeamWithMembers("Stream");
  incidentId = (await createIncident(t.team.id, t.owner.id)).id;
  token = randomUUID();
  await testDb.session.create({
    data: { sessionToken: token, userId: t.viewer.id, expires: new Date(Date.now() + 3_600_000) },
  });
});

afterEach(() => {
  for (const a of aborts.splice(0)) a.abort();
});

/** Opens the stream as the viewer, the way a browser does (session cookie, abortable). */
async function open(userToken = token) {
  const abort = new AbortController();
  aborts.push(abort);
  signInAs(t.viewer.id, t.team.id);
  const request = new Request(`http://localhost/api/incidents/${incidentId}/whys/stream`, {
    headers: { cookie: `authjs.session-token=${userToken}` },
    signal: abort.signal,
  });
  const response = await GET(request, { params: Promise.resolve({ id: incidentId }) });
  return { response, abort, reader: response.status === 200 ? sseReader(response) : null };
}

/** Reads Server-Sent Events as text; `until` waits for a matching chunk or the end of the stream. */
function sseReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let ended = false;
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    ended = true;
  })();
  return {
    get text() {
      return text;
    },
    get ended() {
      return ended;
    },
    async until(check: (text: string, ended: boolean) => boolean, timeoutMs = 8000) {
      const end = Date.now() + timeoutMs;
      while (!check(text, ended)) {
        if (Date.now() > end)
          throw new Error(`stream did not reach the expected state; got:\n${text}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    pump,
  };
}

const versionEvents = (text: string) =>
  text.split("\n\n").filter((e) => e.includes("event: version")).length;

async function editorAddsCause(statement: string) {
  signInAs(t.editor.id, t.team.id);
  expect(await createWhyNodeAction({ incidentId, parentId: null, statement })).toMatchObject({
    ok: true,
  });
}

describe("the live 5 Whys stream", () => {
  it("sends changes to a member, then closes as soon as the member is removed, sending nothing more", async () => {
    const { response, reader } = await open();
    expect(response.status).toBe(200);
    await reader!.until((text) => versionEvents(text) === 1);
    await editorAddsCause("Heard while a member");
    await reader!.until((text) => versionEvents(text) === 2);

    await testDb.membership.delete({
      where: { teamId_userId: { teamId: t.team.id, userId: t.viewer.id } },
    });
    await editorAddsCause("Not for a removed member");
    await reader!.until((_text, ended) => ended);
    expect(reader!.text).toContain("event: closed");
    expect(versionEvents(reader!.text)).toBe(2);
    expect(openStreamCount(t.viewer.id)).toBe(0);
  });

  it("closes on its own re-check when the viewer signs out, even with no changes", async () => {
    const abort = new AbortController();
    aborts.push(abort);
    const request = new Request("http://localhost/stream", { signal: abort.signal });
    const response = openWhysStream(
      request,
      { userId: t.viewer.id, teamId: t.team.id, incidentId, sessionToken: token },
      { recheckMs: 100, currentVersion: async () => 0 },
    );
    const reader = sseReader(response);
    await reader.until((text) => versionEvents(text) === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(reader.ended).toBe(false);
    // Signing out deletes the session row (database sessions).
    await testDb.session.delete({ where: { sessionToken: token } });
    await reader.until((_text, ended) => ended, 3000);
    expect(reader.text).toContain("event: closed");
  });

  it("closes a stream whose session is not live before sending any change", async () => {
    const { response, reader } = await open("not-a-session");
    expect(response.status).toBe(200);
    // The first re-check happens before the first change is sent.
    await editorAddsCause("Not for a dead session");
    await reader!.until((_text, ended) => ended);
    expect(versionEvents(reader!.text)).toBe(1);
  });

  it(`allows ${STREAMS_PER_USER} open streams per user and refuses the next with 429 until one closes`, async () => {
    const streams = [];
    for (let i = 0; i < STREAMS_PER_USER; i++) {
      const s = await open();
      expect(s.response.status).toBe(200);
      streams.push(s);
    }
    const refused = await open();
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get("retry-after")).toBe("30");
    expect(await refused.response.json()).toEqual({
      error: expect.stringContaining(`${STREAMS_PER_USER} live views open`),
    });

    streams[0].abort.abort();
    await expect.poll(() => openStreamCount(t.viewer.id)).toBe(STREAMS_PER_USER - 1);
    expect((await open()).response.status).toBe(200);
  });

  it("answers 404 for another team's incident", async () => {
    const other = await createTeamWithMembers("Other");
    signInAs(other.owner.id, other.team.id);
    const response = await GET(new Request("http://localhost/x"), {
      params: Promise.resolve({ id: incidentId }),
    });
    expect(response.status).toBe(404);
  });
});

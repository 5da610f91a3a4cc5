import "server-only";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { onShutdown } from "@/lib/server/shutdown";
import { subscribeWhys } from "./whys-hub";

/** Open live streams one user may hold in one server process; the next one is refused (429). */
export const STREAMS_PER_USER = 5;
/** How often an open stream re-checks that its viewer may still read the incident. */
export const RECHECK_MS = 10_000;
const HEARTBEAT_MS = 15_000;

// Auth.js database sessions: the cookie holds the token of a Session row (deleted on sign-out).
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];

export interface StreamViewer {
  userId: string;
  teamId: string;
  incidentId: string;
  /** The Auth.js session token from the request's cookie: signing out deletes its row. */
  sessionToken: string | null;
}

export function sessionTokenOf(request: Request): string | null {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0)
      cookies.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  for (const name of SESSION_COOKIES) if (cookies.get(name)) return cookies.get(name)!;
  return null;
}

/** Whether the viewer still may read the incident: same session alive, still a member with read access, incident still theirs. */
export async function viewerStillAllowed(v: StreamViewer): Promise<boolean> {
  if (!v.sessionToken) return false;
  const [session, membership, incident] = await Promise.all([
    db.session.findUnique({
      where: { sessionToken: v.sessionToken },
      select: { userId: true, expires: true },
    }),
    db.membership.findUnique({
      where: { teamId_userId: { teamId: v.teamId, userId: v.userId } },
      select: { role: true },
    }),
    db.incident.findFirst({ where: { id: v.incidentId, teamId: v.teamId }, select: { id: true } }),
  ]);
  return (
    session?.userId === v.userId &&
    session.expires > new Date() &&
    !!membership &&
    can(membership.role, "incident:read") &&
    !!incident
  );
}

// Open streams per user in this process (kept on globalThis so dev reloads share it).
const g = globalThis as unknown as { __hindsightWhysStreams?: Map<string, number> };
const openStreams = (g.__hindsightWhysStreams ??= new Map<string, number>());

export function openStreamCount(userId: string) {
  return openStreams.get(userId) ?? 0;
}

export interface StreamOptions {
  recheckMs?: number;
  heartbeatMs?: number;
  /** The incident's current 5 Whys version, sent first. */
  currentVersion: () => Promise<number | null>;
}

/**
 * Server-Sent Events: one `version` event whenever the incident's 5 Whys tree changes (from any
 * app instance, via LISTEN/NOTIFY). Only version numbers travel here; the tree itself is
 * refetched through the authorized JSON route. The stream re-checks its viewer every
 * `recheckMs` and before each event, and ends (after an `event: closed`) as soon as they
 * signed out, left the team or lost access, so nothing more reaches a removed member.
 */
export function openWhysStream(
  request: Request,
  viewer: StreamViewer,
  options: StreamOptions,
): Response {
  if (openStreamCount(viewer.userId) >= STREAMS_PER_USER) {
    return Response.json(
      {
        error: `You have ${STREAMS_PER_USER} live views open already. Close another tab, then reload this one.`,
      },
      { status: 429, headers: { "Retry-After": "30", "Cache-Control": "no-store" } },
    );
  }
  openStreams.set(viewer.userId, openStreamCount(viewer.userId) + 1);
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let unsubscribe = () => {};
      const timers: ReturnType<typeof setInterval>[] = [];
      // On SIGTERM the stream ends so the server can close; EventSource reconnects elsewhere.
      let offShutdown = () => {};
      // Set first, so the slot is given back however the stream ends (even if subscribing fails).
      cleanup = () => {
        if (closed) return;
        closed = true;
        for (const t of timers) clearInterval(t);
        offShutdown();
        unsubscribe();
        const left = openStreamCount(viewer.userId) - 1;
        if (left > 0) openStreams.set(viewer.userId, left);
        else openStreams.delete(viewer.userId);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const revoke = () => {
        send(`event: closed\ndata: ${JSON.stringify({ reason: "access" })}\n\n`);
        cleanup();
      };
      // One check at a time; an answer that arrives after the stream closed changes nothing.
      let checking: Promise<void> | null = null;
      const recheck = () =>
        (checking ??= viewerStillAllowed(viewer)
          .then((ok) => (ok ? undefined : revoke()))
          .catch(() => undefined)
          .finally(() => (checking = null)));
      try {
        request.signal.addEventListener("abort", cleanup);
        if (request.signal.aborted) return cleanup();
        offShutdown = onShutdown(() => cleanup());
        unsubscribe = await subscribeWhys(viewer.incidentId, (event) => {
          void recheck().then(() => send(`event: version\ndata: ${JSON.stringify(event)}\n\n`));
        });
        if (closed) return unsubscribe();
        timers.push(
          setInterval(() => send(`: ping ${Date.now()}\n\n`), options.heartbeatMs ?? HEARTBEAT_MS),
        );
        timers.push(setInterval(() => void recheck(), options.recheckMs ?? RECHECK_MS));
        // Sent after subscribing, so a change between the two is never missed.
        send(
          `retry: 2000\nevent: version\ndata: ${JSON.stringify({ incidentId: viewer.incidentId, version: await options.currentVersion() })}\n\n`,
        );
      } catch {
        cleanup();
      }
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}

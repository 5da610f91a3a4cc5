// The client address every rate limit keys on. Next.js cannot tell it: `next start` keeps an
// X-Forwarded-For the client sent and fills it from the socket only when absent, so any client
// could pick its own key. So instrumentation.ts stamps each request, before Next.js sees it,
// with the socket address (or, when the operator sets TRUSTED_PROXIES=<hops>, the address that
// many hops back in X-Forwarded-For), under a per-process secret the client cannot know.
import { randomBytes } from "node:crypto";
import http, { type IncomingMessage } from "node:http";

export const CLIENT_HEADER = "x-hindsight-client";
/** Requests that were not stamped (only while the server starts) share one key: never a way around a limit. */
export const UNVERIFIED_CLIENT = "unverified";

const g = globalThis as unknown as { hindsightClientStamp?: string };

/**
 * The client's address from the forwarding chain: X-Forwarded-For's entries, then the socket
 * peer. With `trustedProxies` hops in front of the app, the client is that many entries back
 * from the socket; with 0 it is the socket peer itself and X-Forwarded-For is ignored.
 */
export function clientFromChain(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  trustedProxies: number,
): string {
  const socket = (socketAddress ?? "unknown").replace(/^::ffff:/, "");
  if (trustedProxies <= 0) return socket;
  const list = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const hops = [...list, socket];
  const client = hops[Math.max(0, hops.length - 1 - trustedProxies)]!;
  return client.replace(/^::ffff:/, "").slice(0, 100);
}

export function trustedProxyHops(value = process.env.TRUSTED_PROXIES): number {
  const n = Number(value ?? 0);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 10) : 0;
}

/** Installs the stamp on every HTTP server of this process (once). */
export function installClientStamp() {
  if (g.hindsightClientStamp) return;
  const secret = randomBytes(18).toString("base64url");
  g.hindsightClientStamp = secret;
  const hops = trustedProxyHops();
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (
    this: http.Server,
    event: string | symbol,
    ...args: unknown[]
  ) {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      req.headers[CLIENT_HEADER] =
        `${secret} ${clientFromChain(req.headers["x-forwarded-for"], req.socket.remoteAddress, hops)}`;
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}

/** The stamped client address of a request, or UNVERIFIED_CLIENT. */
export function clientAddress(headers: { get(name: string): string | null }): string {
  const secret = g.hindsightClientStamp;
  const value = headers.get(CLIENT_HEADER);
  if (!secret || !value?.startsWith(`${secret} `)) return UNVERIFIED_CLIENT;
  return value.slice(secret.length + 1) || UNVERIFIED_CLIENT;
}

// One HTTP POST to a notification target, with the address rule of address.ts applied to the
// connection itself (the resolved IP, not just the name), no redirects followed, a hard
// timeout, and only the status and a short excerpt of the answer kept.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isPrivateAddress, PRIVATE_ADDRESS_MESSAGE } from "./address";

export const SEND_TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 512;

export interface PostResult {
  status: number;
  latencyMs: number;
  /** The first bytes of the answer, printable only (Slack says why in plain text: "no_service"). */
  excerpt: string;
}

/** The attempt did not get an HTTP answer (refused address, DNS, connection, timeout). */
export class SendError extends Error {}

/** Refuses a host name whose resolved addresses include a private one (unless allowed). */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const list = Array.isArray(address) ? address.map((a) => a.address) : [address];
      if (!allowPrivate && list.some((a) => isPrivateAddress(a))) {
        return callback(
          Object.assign(new SendError(PRIVATE_ADDRESS_MESSAGE), { code: "EPRIVATE" }),
          address,
          family,
        );
      }
      callback(null, address, family);
    });
  };
}

/** Checks a URL typed by an owner; returns the message to show, or null when it may be used. */
export async function checkTargetUrl(raw: string, allowPrivate: boolean): Promise<string | null> {
  if (!URL.canParse(raw)) return "Enter the full URL, starting with https://.";
  const url = new URL(raw);
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:"))
    return "Use an https:// URL.";
  if (url.username || url.password) return "Leave user names and passwords out of the URL.";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.promises.lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return `No server answers to ${host}: check the host name.`;
    }
  }
  if (!allowPrivate && addresses.some((a) => isPrivateAddress(a))) return PRIVATE_ADDRESS_MESSAGE;
  return null;
}

/** POSTs `body`; resolves with any HTTP answer (2xx or not), rejects with SendError without one. */
export function postJson(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; timeoutMs?: number },
): Promise<PostResult> {
  const url = new URL(rawUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // Literal addresses skip the lookup: check them here.
  if (isIP(host) && !options.allowPrivate && isPrivateAddress(host))
    return Promise.reject(new SendError(PRIVATE_ADDRESS_MESSAGE));
  const started = performance.now();
  const client = url.protocol === "https:" ? https : http;
  return new Promise<PostResult>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Hindsight-Notifications/1",
          ...headers,
          "content-length": String(Buffer.byteLength(body)),
        },
        lookup: guardedLookup(options.allowPrivate),
        signal: AbortSignal.timeout(options.timeoutMs ?? SEND_TIMEOUT_MS),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on("end", () => {
          const excerpt = Buffer.concat(chunks)
            .toString("utf8", 0, EXCERPT_BYTES)
            .replace(/[^\x20-\x7e]+/g, " ")
            .trim()
            .slice(0, 200);
          resolve({
            status: res.statusCode ?? 0,
            latencyMs: Math.round(performance.now() - started),
            excerpt,
          });
        });
        res.on("error", (error) => reject(new SendError(reason(error))));
      },
    );
    req.on("error", (error) =>
      reject(error instanceof SendError ? error : new SendError(reason(error))),
    );
    req.end(body);
  });
}

function reason(error: Error & { code?: string }): string {
  if (error.code === "EPRIVATE") return PRIVATE_ADDRESS_MESSAGE;
  if (error.name === "TimeoutError" || error.name === "AbortError")
    return `No answer within ${(SEND_TIMEOUT_MS / 1000).toFixed(0)} s.`;
  if (error.code === "ENOTFOUND" || error.code === "EAI_AGAIN")
    return "The host name does not resolve.";
  if (error.code === "ECONNREFUSED") return "Connection refused.";
  if (error.code === "ECONNRESET") return "Connection reset by the receiver.";
  if (error.code?.startsWith("ERR_TLS") || error.code?.includes("CERT"))
    return `TLS error (${error.code}).`;
  return (error.code ? `${error.code}: ${error.message}` : error.message).slice(0, 200);
}

import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashSecret } from "@/lib/api/tokens";
import { deliveryKey, verifySentry, verifyToken } from "./verify";

const secret = "sentry-client-secret-0123456789abcdef";
const body = '{"action":"triggered"}';
const now = new Date("2026-12-01T12:00:00Z");
const nowSec = now.getTime() / 1000;
const sign = (b: string, s = secret) => createHmac("sha256", s).update(b).digest("hex");
const headers = (o: Record<string, string>) => new Headers(o);

describe("Sentry signature (Sentry-Hook-Signature, HMAC-SHA256 of the body)", () => {
  const cases: [string, Record<string, string>, string | null][] = [
    [
      "valid",
      { "sentry-hook-signature": sign(body), "sentry-hook-timestamp": String(nowSec) },
      null,
    ],
    [
      "valid, timestamp in ms",
      { "sentry-hook-signature": sign(body), "sentry-hook-timestamp": String(now.getTime()) },
      null,
    ],
    [
      "missing signature",
      { "sentry-hook-timestamp": String(nowSec) },
      "Missing Sentry-Hook-Signature.",
    ],
    [
      "signed with another secret",
      {
        "sentry-hook-signature": sign(body, "other-secret"),
        "sentry-hook-timestamp": String(nowSec),
      },
      "Bad signature.",
    ],
    [
      "signature of another body",
      { "sentry-hook-signature": sign('{"action":"x"}'), "sentry-hook-timestamp": String(nowSec) },
      "Bad signature.",
    ],
    [
      "truncated signature",
      { "sentry-hook-signature": sign(body).slice(0, 40), "sentry-hook-timestamp": String(nowSec) },
      "Bad signature.",
    ],
    [
      "missing timestamp",
      { "sentry-hook-signature": sign(body) },
      "Missing Sentry-Hook-Timestamp.",
    ],
    [
      "stale: 6 minutes old",
      { "sentry-hook-signature": sign(body), "sentry-hook-timestamp": String(nowSec - 360) },
      "Stale request (timestamp outside 5 minutes).",
    ],
    [
      "from the future: +6 minutes",
      { "sentry-hook-signature": sign(body), "sentry-hook-timestamp": String(nowSec + 360) },
      "Stale request (timestamp outside 5 minutes).",
    ],
    [
      "just inside the window: 4m59s",
      { "sentry-hook-signature": sign(body), "sentry-hook-timestamp": String(nowSec - 299) },
      null,
    ],
  ];
  it.each(cases)("%s", (_name, h, reason) => {
    const v = verifySentry(headers(h), body, secret, now);
    expect(v.ok ? null : v.reason).toBe(reason);
  });
});

describe("source tokens", () => {
  const hash = hashSecret("hsa_right");
  it.each([
    ["bearer", { authorization: "Bearer hsa_right" }, true],
    [
      "basic password (Alertmanager/Grafana basic_auth)",
      { authorization: `Basic ${Buffer.from("am:hsa_right").toString("base64")}` },
      true,
    ],
    ["header", { "x-hindsight-token": "hsa_right" }, true],
    ["wrong", { authorization: "Bearer hsa_wrong" }, false],
    ["missing", {}, false],
  ] as const)("%s", (_n, h, ok) => {
    expect(verifyToken(headers(h), hash).ok).toBe(ok);
  });
  it("a source without a token (Sentry) never accepts a token", () => {
    expect(verifyToken(headers({ authorization: "Bearer anything" }), null).ok).toBe(false);
  });
  it("delivery keys are the body hash", () => {
    expect(deliveryKey(body)).toBe(deliveryKey(body));
    expect(deliveryKey(body)).not.toBe(deliveryKey(`${body} `));
  });
});

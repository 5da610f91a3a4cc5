import { describe, expect, it } from "vitest";
import {
  clientAddress,
  LOOKUP_COST,
  MISS_PENALTY,
  SHARE_VIEW_LIMIT,
  take,
  type Bucket,
} from "./rate-limit";

const policy = { capacity: 5, refillPerSecond: 1, floor: -10 };
const t0 = new Date("2026-03-01T12:00:00Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe("token bucket", () => {
  it("allows a burst up to the capacity, then refuses with a Retry-After", () => {
    let bucket: Bucket | null = null;
    for (let i = 0; i < 5; i++) {
      const r = take(bucket, t0, 1, policy);
      expect(r.allowed).toBe(true);
      bucket = r.bucket;
    }
    const refused = take(bucket, t0, 1, policy);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(2); // 1 token of debt + 1 needed at 1/s
  });

  it("refills with time, never above capacity", () => {
    const empty = { tokens: 0, updatedAt: t0 };
    expect(take(empty, at(3), 1, policy).bucket.tokens).toBe(2);
    expect(take(empty, at(600), 1, policy).bucket.tokens).toBe(4);
  });

  it("keeps charging a client that ignores Retry-After, down to the floor", () => {
    let bucket: Bucket = { tokens: 0, updatedAt: t0 };
    for (let i = 0; i < 50; i++) bucket = take(bucket, t0, 1, policy).bucket;
    expect(bucket.tokens).toBe(-10);
    expect(take(bucket, at(10), 1, policy).allowed).toBe(false);
    expect(take(bucket, at(11), 1, policy).allowed).toBe(true);
  });

  it("makes misses much dearer than successful lookups", () => {
    const p = SHARE_VIEW_LIMIT;
    let bucket: Bucket | null = null;
    let hits = 0;
    while (take(bucket, t0, LOOKUP_COST, p).allowed && hits < 1000) {
      bucket = take(bucket, t0, LOOKUP_COST, p).bucket;
      hits++;
    }
    let misses = 0;
    bucket = null;
    for (;;) {
      const r = take(bucket, t0, LOOKUP_COST, p);
      if (!r.allowed) break;
      bucket = take(r.bucket, t0, MISS_PENALTY, p).bucket;
      misses++;
    }
    expect(hits).toBe(30);
    expect(misses).toBe(3);
  });
});

describe("client address", () => {
  it("never trusts a client's own X-Forwarded-For or X-Real-IP (see lib/net/client-address.test.ts)", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe(
      "unverified",
    );
    expect(clientAddress(new Headers({ "x-real-ip": "198.51.100.2" }))).toBe("unverified");
  });
});

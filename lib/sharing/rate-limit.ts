// Token bucket for guessing protection (pure; the clock is a parameter). The database
// implementation in mutations.ts applies exactly this rule in one SQL statement.

export interface BucketPolicy {
  /** Burst size. */
  capacity: number;
  /** Tokens regained per second. */
  refillPerSecond: number;
  /** Deepest debt: how long a client that keeps hammering stays blocked, at most. */
  floor: number;
}

/**
 * Share links: a client is answered while its bucket holds a lookup's worth (1); a token that
 * turns out unknown, expired or revoked costs 1 + 10, so a guesser gets 3 tries and then one per
 * 22 s. Opening a valid link costs nothing (lib/sharing/view.ts), so a reader is never blocked
 * for reading.
 */
export const SHARE_VIEW_LIMIT: BucketPolicy = { capacity: 30, refillPerSecond: 0.5, floor: -60 };
export const LOOKUP_COST = 1;
export const MISS_PENALTY = 10;

export interface Bucket {
  tokens: number;
  updatedAt: Date;
}

export interface TakeResult {
  allowed: boolean;
  bucket: Bucket;
  /** Whole seconds until one lookup would be allowed again (0 when allowed). */
  retryAfterSeconds: number;
}

export function refill(bucket: Bucket | null, now: Date, policy: BucketPolicy): number {
  if (!bucket) return policy.capacity;
  const elapsed = Math.max(0, (now.getTime() - bucket.updatedAt.getTime()) / 1000);
  return Math.min(policy.capacity, bucket.tokens + elapsed * policy.refillPerSecond);
}

/**
 * Takes `cost` tokens. The cost is charged even when refused (down to the floor), so a client
 * that ignores Retry-After stays blocked; one that waits gets through.
 */
export function take(
  bucket: Bucket | null,
  now: Date,
  cost: number,
  policy: BucketPolicy,
): TakeResult {
  const available = refill(bucket, now, policy);
  const tokens = Math.max(policy.floor, available - cost);
  const allowed = available - cost >= 0;
  return {
    allowed,
    bucket: { tokens, updatedAt: now },
    retryAfterSeconds: allowed ? 0 : retryAfter(tokens, 1, policy),
  };
}

/** Seconds until `cost` tokens are available again from a balance of `tokens`. */
export function retryAfter(tokens: number, cost: number, policy: BucketPolicy): number {
  const missing = cost - tokens;
  return missing <= 0 ? 0 : Math.ceil(missing / policy.refillPerSecond);
}

/** The client address every limiter keys on: the socket peer, never a header the client wrote. */
export { clientAddress } from "@/lib/net/client-address";

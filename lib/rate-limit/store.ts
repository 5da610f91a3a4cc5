import "server-only";
import { db } from "@/lib/db";
import { retryAfter, type BucketPolicy, type TakeResult } from "@/lib/sharing/rate-limit";

/**
 * The token bucket of rate-limit.ts in one atomic statement (the row lock of the upsert
 * serialises concurrent requests from the same address across every app instance).
 */
export async function takeRateLimit(
  key: string,
  cost: number,
  now: Date,
  policy: BucketPolicy,
): Promise<TakeResult> {
  const rows = await db.$queryRaw<{ tokens: number }[]>`
    INSERT INTO "RateLimitBucket" AS b ("key", "tokens", "updatedAt")
    VALUES (${key}, GREATEST(${policy.floor}::float8, ${policy.capacity}::float8 - ${cost}::float8), ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "tokens" = GREATEST(${policy.floor}::float8,
        LEAST(${policy.capacity}::float8, b."tokens" + GREATEST(0, EXTRACT(EPOCH FROM (${now}::timestamp - b."updatedAt")))::float8 * ${policy.refillPerSecond}::float8) - ${cost}::float8),
      "updatedAt" = ${now}
    RETURNING "tokens"`;
  const tokens = Number(rows[0]!.tokens);
  // Same outcome as the pure `take` (the floor is negative, so a refusal always leaves a debt).
  const allowed = tokens >= 0;
  return {
    allowed,
    bucket: { tokens, updatedAt: now },
    retryAfterSeconds: allowed ? 0 : retryAfter(tokens, 1, policy),
  };
}

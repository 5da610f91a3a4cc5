import "server-only";
import { hasTeamFileUrls, withShareLinkFiles } from "@/lib/attachments/urls";
import { publishedReaderHtml, variantForAudience } from "@/lib/reports/published-html";
import { findShareByTokenHash } from "./data";
import { pruneRateLimits, recordShareView, takeRateLimit, type ShareView } from "./mutations";
import { LOOKUP_COST, MISS_PENALTY, refill, SHARE_VIEW_LIMIT } from "./rate-limit";
import { hashesMatch, hashShareToken, isWellFormedToken, linkState, maskEmail } from "./tokens";

export type ShareAccess =
  | { kind: "limited"; retryAfterSeconds: number }
  | { kind: "not-found" }
  | { kind: "confirm"; maskedEmail: string; signedInAs: string | null }
  | {
      kind: "ok";
      versionId: string;
      title: string;
      html: string;
      /** The same HTML as UTF-8 bytes (cached per version): the route sends these. */
      bytes: Uint8Array<ArrayBuffer>;
      recipientEmail: string;
    };

export interface ResolveOptions {
  /** Rate-limit key: the client address. */
  client: string;
  now: Date;
  /**
   * Email of the signed-in user, for "recipient must confirm their email" links; a function is
   * called only for such links, so anonymous links skip the session lookup.
   */
  viewerEmail?: string | null | (() => Promise<string | null>);
  /**
   * Takes the view's bookkeeping (count and audit). Route handlers pass the view log's
   * queueShareView (lib/sharing/view-log.ts), so the reader does not wait for the write; by
   * default it is written before returning.
   */
  defer?: (view: ShareView) => void;
}

/**
 * One stakeholder read that needs no token lookup (a portal report's print view): it takes one
 * token from the same per-client bucket as shared links, so printing cannot be used to hammer
 * the server (30 in a row, then one per 2 s).
 */
export function takeStakeholderRead(client: string, now: Date) {
  return takeRateLimit(`share:${client}`, LOOKUP_COST, now, SHARE_VIEW_LIMIT);
}

/**
 * Resolves a share token (without recording a view). Unknown, malformed, expired and revoked
 * tokens all answer "not-found" and cost the client the same miss penalty, so responses give
 * no hint which it was. Guessing protection charges only what guessing does: a client needs a
 * lookup's worth of tokens in its bucket to be answered at all (read in the same statement as
 * the link), a lookup that finds no active link costs it LOOKUP_COST + MISS_PENALTY, and a
 * refused request costs LOOKUP_COST (so one that ignores Retry-After stays blocked). Opening a
 * valid link writes nothing, so readers of a popular report never wait on the bucket's row lock.
 * (Misses sent at the same instant all pass the read before the first is charged; each is then
 * charged, so the client is blocked for longer. Tokens are 256 random bits: the limit is defence
 * in depth against guessing, not what makes guessing hopeless.)
 */
export async function resolveShareToken(
  token: string,
  { client, now, viewerEmail: viewer }: ResolveOptions,
) {
  const key = `share:${client}`;
  const hash = typeof token === "string" && isWellFormedToken(token) ? hashShareToken(token) : null;
  const { link, bucket } = await findShareByTokenHash(hash, key);
  if (refill(bucket, now, SHARE_VIEW_LIMIT) < LOOKUP_COST) {
    const charged = await takeRateLimit(key, LOOKUP_COST, now, SHARE_VIEW_LIMIT);
    return {
      access: {
        kind: "limited",
        retryAfterSeconds: Math.max(1, charged.retryAfterSeconds),
      } as const,
      link: null,
    };
  }
  // The lookup is by unique index; the hashes are compared again in constant time so the
  // decision never depends on a data-dependent string comparison.
  const valid =
    link && hash && hashesMatch(link.tokenHash, hash) && linkState(link, now) === "active";
  if (!valid || !link) {
    await takeRateLimit(key, LOOKUP_COST + MISS_PENALTY, now, SHARE_VIEW_LIMIT);
    if (Math.random() < 0.05) void pruneRateLimits(now, SHARE_VIEW_LIMIT).catch(() => undefined);
    return { access: { kind: "not-found" } as const, link: null, viewerEmail: null };
  }
  const viewerEmail =
    link.mode === "CONFIRM_EMAIL"
      ? ((typeof viewer === "function" ? await viewer() : viewer) ?? null)
      : null;
  if (link.mode === "CONFIRM_EMAIL" && viewerEmail?.toLowerCase() !== link.recipientEmail) {
    return {
      access: {
        kind: "confirm",
        maskedEmail: maskEmail(link.recipientEmail),
        signedInAs: viewerEmail,
      } as const,
      link,
      viewerEmail,
    };
  }
  return { access: null, link, viewerEmail };
}

const encoder = new TextEncoder();

/**
 * The link's readers have no session, so a report that shows attachments points them at the
 * link's own file route; a report without any is sent as the cached bytes, untouched.
 */
function forShareLink(cached: { html: string; bytes: Uint8Array<ArrayBuffer> }, token: string) {
  if (!hasTeamFileUrls(cached.html)) return cached;
  const html = withShareLinkFiles(cached.html, token);
  return { html, bytes: encoder.encode(html) };
}

/** Resolves the token and, when the report may be shown, records the view. */
export async function openShareLink(token: string, options: ResolveOptions): Promise<ShareAccess> {
  const { access, link, viewerEmail } = await resolveShareToken(token, options);
  if (access) return access;
  const l = link!;
  const cached = await publishedReaderHtml(
    { id: l.reportVersionId, hasHtml: l.hasHtml, htmlRenderer: l.htmlRenderer },
    variantForAudience(l.audience),
  );
  if (cached === null) return { kind: "not-found" };
  const view: ShareView = {
    shareId: l.id,
    teamId: l.teamId,
    incidentId: l.incidentId,
    recipientEmail: l.recipientEmail,
    viewerEmail,
    now: options.now,
  };
  if (options.defer) options.defer(view);
  else await recordShareView(view);
  return {
    kind: "ok",
    versionId: l.reportVersionId,
    title: l.title,
    ...forShareLink(cached, token),
    recipientEmail: l.recipientEmail,
  };
}

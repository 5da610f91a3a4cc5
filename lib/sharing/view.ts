import "server-only";
import { currentHtml, variantForAudience } from "@/lib/reports/published-html";
import { findShareByTokenHash } from "./data";
import { pruneRateLimits, recordShareView, takeRateLimit } from "./mutations";
import { LOOKUP_COST, MISS_PENALTY, SHARE_VIEW_LIMIT } from "./rate-limit";
import { hashesMatch, hashShareToken, isWellFormedToken, linkState, maskEmail } from "./tokens";

export type ShareAccess =
  | { kind: "limited"; retryAfterSeconds: number }
  | { kind: "not-found" }
  | { kind: "confirm"; maskedEmail: string; signedInAs: string | null }
  | { kind: "ok"; versionId: string; title: string; html: string; recipientEmail: string };

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
   * Runs the view's bookkeeping (count and audit). Route handlers pass next/server's `after`,
   * so the reader does not wait for the write; by default it is awaited before returning.
   */
  defer?: (task: () => Promise<void>) => void;
}

/**
 * Resolves a share token (without recording a view). Unknown, malformed, expired and revoked
 * tokens all answer "not-found" and cost the client the same miss penalty, so responses give
 * no hint which it was.
 */
export async function resolveShareToken(
  token: string,
  { client, now, viewerEmail: viewer }: ResolveOptions,
) {
  const gate = await takeRateLimit(`share:${client}`, LOOKUP_COST, now, SHARE_VIEW_LIMIT);
  if (!gate.allowed)
    return {
      access: { kind: "limited", retryAfterSeconds: gate.retryAfterSeconds } as const,
      link: null,
    };
  if (Math.random() < 0.01) void pruneRateLimits(now, SHARE_VIEW_LIMIT).catch(() => undefined);

  const hash = typeof token === "string" && isWellFormedToken(token) ? hashShareToken(token) : null;
  const link = hash ? await findShareByTokenHash(hash) : null;
  // The lookup is by unique index; the hashes are compared again in constant time so the
  // decision never depends on a data-dependent string comparison.
  const valid =
    link && hash && hashesMatch(link.tokenHash, hash) && linkState(link, now) === "active";
  if (!valid || !link) {
    await takeRateLimit(`share:${client}`, MISS_PENALTY, now, SHARE_VIEW_LIMIT);
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

/** Resolves the token and, when the report may be shown, records the view. */
export async function openShareLink(token: string, options: ResolveOptions): Promise<ShareAccess> {
  const { access, link, viewerEmail } = await resolveShareToken(token, options);
  if (access) return access;
  const l = link!;
  const html = await currentHtml(
    { id: l.reportVersionId, html: l.html, htmlRenderer: l.htmlRenderer },
    variantForAudience(l.audience),
  );
  if (html === null) return { kind: "not-found" };
  const record = () =>
    recordShareView({
      shareId: l.id,
      teamId: l.teamId,
      incidentId: l.incidentId,
      recipientEmail: l.recipientEmail,
      viewerEmail,
      now: options.now,
    });
  if (options.defer) options.defer(record);
  else await record();
  return {
    kind: "ok",
    versionId: l.reportVersionId,
    title: l.title,
    html,
    recipientEmail: l.recipientEmail,
  };
}

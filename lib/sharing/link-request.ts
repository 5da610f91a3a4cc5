import "server-only";
// A request for something a share link's page shows (its attachments, its diagram): the same
// gate as the page (a live link, the client's guessing budget, the e-mail confirmation of a
// CONFIRM_EMAIL link), without counting a view.
import { getCurrentUser } from "@/lib/auth/session";
import type { ShareByToken } from "./data";
import { clientAddress } from "./rate-limit";
import { tooManyAttempts } from "./responses";
import { resolveShareToken } from "./view";

/**
 * The link when it may be read now; a 429 response when the client spent its guessing budget;
 * null for every other refusal (callers answer one 404 for unknown, expired, revoked and
 * unconfirmed alike).
 */
export async function linkForRequest(
  request: Request,
  token: string,
): Promise<ShareByToken | Response | null> {
  const { access, link } = await resolveShareToken(token, {
    client: clientAddress(request.headers),
    now: new Date(),
    viewerEmail: async () => (await getCurrentUser())?.email ?? null,
  });
  if (access?.kind === "limited") return tooManyAttempts(access.retryAfterSeconds);
  return access || !link ? null : link;
}

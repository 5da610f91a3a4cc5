// Refusing cross-origin server-action posts with 403 (pure; for the proxy).
//
// Next.js already refuses a server action whose Origin does not match the host, but answers
// 500 "Invalid Server Actions request" (next/dist/server/app-render/action-handler.js sets the
// status itself), which monitors read as a crash and attackers as a probe that worked. The
// proxy runs first and answers 403 with the same rule: the Origin's host must equal the first
// X-Forwarded-Host (else Host). A request without Origin is let through, as Next does: browsers
// always send it on POST, and a handcrafted request carries no victim's cookies.

/**
 * Whether a request is a server action whose Origin names another host. Route handlers under
 * /api/ are not server actions (the API authenticates by bearer token, not cookies).
 */
export function isCrossOriginAction(request: {
  method: string;
  headers: Headers;
  url: string;
}): boolean {
  if (request.method !== "POST" || new URL(request.url).pathname.startsWith("/api/")) return false;
  const h = request.headers;
  const isAction =
    h.has("next-action") || (h.get("content-type") ?? "").startsWith("multipart/form-data");
  if (!isAction) return false;
  const origin = h.get("origin");
  if (!origin || origin === "null") return origin === "null";
  return !originMatchesHost(h);
}

/**
 * Whether the request's Origin names this host (the first X-Forwarded-Host, else Host). False
 * without an Origin: for cookie-authenticated uploads under /api/ (lib/attachments), which the
 * check above does not cover, browsers always send one.
 */
export function originMatchesHost(h: Headers): boolean {
  const origin = h.get("origin");
  if (!origin || origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host");
  return Boolean(host) && originHost.toLowerCase() === host!.toLowerCase();
}

export function crossOriginActionResponse(): Response {
  return Response.json(
    { error: "This form was sent from another site, so it was refused." },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}

// Runs before every page and route (not static files): sets the security headers with a fresh
// CSP nonce (Next.js reads it from the request's Content-Security-Policy header and puts it on
// its own scripts), and answers 503 "temporarily unavailable" while the database does not
// answer, instead of letting each request hang or sending signed-in users to sign-in. A NUL
// byte anywhere in the address (path or query) is refused with 400 here, once for every page
// and route: PostgreSQL text cannot hold it, and a page would otherwise answer 500. A server
// action posted from another origin is refused with 403 (Next.js itself would answer 500).
import { NextResponse, type NextRequest } from "next/server";
import { probeDatabase } from "@/lib/health/probe";
import { crossOriginActionResponse, isCrossOriginAction } from "@/lib/server/cross-origin";
import { filePolicy, newNonce, securityHeaders } from "@/lib/security/headers";
import { unavailablePage } from "@/lib/security/unavailable";

// Health and readiness answer for themselves (they report the database); liveness must answer
// while the database is down (it only says the process is up), so none of them is gated.
const UNGATED = new Set(["/api/live", "/api/health", "/api/ready"]);

function formTargets(): string[] {
  const targets: string[] = [];
  if (process.env.AUTH_GITHUB_ID) targets.push("https://github.com");
  const issuer = process.env.AUTH_OIDC_ISSUER;
  if (issuer && URL.canParse(issuer)) targets.push(new URL(issuer).origin);
  return targets;
}

function hasNul(request: NextRequest): boolean {
  const { pathname, search, searchParams } = request.nextUrl;
  if (/%00/i.test(pathname) || pathname.includes("\u0000") || /%00/i.test(search)) return true;
  for (const [key, value] of searchParams)
    if (key.includes("\u0000") || value.includes("\u0000")) return true;
  return false;
}

export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    https: (process.env.APP_URL ?? "").startsWith("https:"),
    dev: process.env.NODE_ENV === "development",
    formTargets: formTargets(),
  });

  if (hasNul(request)) {
    return new NextResponse(
      "Bad request: the address contains a character that is not allowed (NUL).\n",
      {
        status: 400,
        headers: {
          ...headers,
          "Content-Type": "text/plain; charset=utf-8",
          "Cache-Control": "no-store",
        },
      },
    );
  }

  if (isCrossOriginAction(request)) {
    const refused = crossOriginActionResponse();
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }

  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl && !UNGATED.has(request.nextUrl.pathname)) {
    const probe = await probeDatabase(databaseUrl);
    if (!probe.ok) {
      const wantsHtml = (request.headers.get("accept") ?? "").includes("text/html");
      const body = wantsHtml
        ? unavailablePage()
        : JSON.stringify({
            error:
              "Hindsight is temporarily unavailable: the database is not answering. Try again in a moment.",
          });
      return new NextResponse(request.method === "HEAD" ? null : body, {
        status: 503,
        headers: {
          ...headers,
          "Content-Type": wantsHtml ? "text/html; charset=utf-8" : "application/json",
          "Retry-After": "5",
          "Cache-Control": "no-store",
        },
      });
    }
  }

  // A stored file or download gets its own, stricter policy (this header replaces the route's).
  const filePolicyHere = filePolicy(request.nextUrl.pathname);
  if (filePolicyHere) headers["Content-Security-Policy"] = filePolicyHere;

  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Everything but Next's static files and the favicon; prefetches get headers too.
    "/((?!_next/static|_next/image|favicon.ico).*)",
  ],
};

import "server-only";
// How a stakeholder view of a published version is answered, for the shared link and the portal
// alike, on screen and as its print view: one indexed lookup decides who may read it (token,
// expiry, revocation and the per-client limit; or the signed-in address's grant), the version's
// HTML comes from the process's cache (lib/reports/published-html.ts), the document is
// assembled around its bytes (lib/html/assemble.ts) and the view is counted and audited after
// the response (lib/sharing/view-log.ts). The routes only say which document frames the report.
import { currentUserWith, getCurrentUser } from "@/lib/auth/session";
import { assembleDocument } from "@/lib/html/assemble";
import { stylesheetHrefs } from "@/lib/html/stylesheets";
import {
  findPortalVersionForSession,
  findPortalVersionHtml,
  publishedReaderHtml,
} from "@/lib/reports/published-html";
import { reportTitle } from "@/lib/reports/reader-html";
import { messageDocument } from "@/components/sharing/reader-document";
import { clientAddress } from "./rate-limit";
import { htmlResponse, tooManyAttempts } from "./responses";
import { openShareLink, takeStakeholderRead } from "./view";
import { queuePortalView, queueShareView } from "./view-log";

/** What frames the report: its title (the customer version's has names replaced) and its HTML. */
export interface ReportFrame {
  title: string;
  /** Where the report's HTML goes (the document is assembled around its bytes). */
  html: string;
  stylesheets: string[];
}

/** A shared link's report (`/r/<token>`, its print view): `frame` writes the document. */
export async function serveShareLink(
  request: Request,
  token: string,
  frame: (report: ReportFrame) => string,
): Promise<Response> {
  const access = await openShareLink(token, {
    client: clientAddress(request.headers),
    now: new Date(),
    // Only "confirm your email" links ask who is signed in.
    viewerEmail: async () => (await getCurrentUser())?.email ?? null,
    defer: queueShareView,
  });
  const stylesheets = stylesheetHrefs();
  switch (access.kind) {
    case "limited":
      return tooManyAttempts(access.retryAfterSeconds);
    case "confirm":
      // The confirmation form is interactive: a React page beside the link's route.
      return Response.redirect(new URL(`/r/${token}/confirm`, request.url), 303);
    case "not-found":
      // One answer for unknown, expired and revoked links alike: no hint which it was.
      return htmlResponse(
        messageDocument({
          title: "Link not available",
          subtitle: "Shared incident report",
          stylesheets,
          heading: "This link is not available",
          text: "The link may be mistyped, or it has expired or been revoked. Ask the person who shared the report with you for a new link.",
        }),
        404,
      );
    case "ok":
      return htmlResponse(
        assembleDocument(
          (html) => frame({ title: reportTitle(access.html) ?? access.title, html, stylesheets }),
          access.bytes,
        ),
      );
  }
}

/**
 * A report in the stakeholder portal (`/portal/reports/<id>`, its print view), for the signed-in
 * address's active grant, in the grant's audience (internal report or customer version). Signed
 * out: to sign-in and back here. `limited`: the read also takes a token from the per-client
 * bucket shared links use (print views, which could otherwise be used to hammer the server).
 */
export async function serveGrantedVersion(
  request: Request,
  versionId: string,
  options: { limited: boolean },
  frame: (report: ReportFrame & { email: string; versionId: string }) => string,
): Promise<Response> {
  const url = new URL(request.url);
  // Who is signed in and their grant for this version, in one statement when the session is fresh.
  const reader = await currentUserWith(
    (token) => findPortalVersionForSession(token, versionId),
    (user) => findPortalVersionHtml(user.email, versionId),
  );
  if (!reader)
    return Response.redirect(
      new URL(`/sign-in?callbackUrl=${encodeURIComponent(url.pathname)}`, url),
      307,
    );
  const { user, row: version } = reader;
  if (options.limited) {
    const gate = await takeStakeholderRead(clientAddress(request.headers), new Date());
    if (!gate.allowed) return tooManyAttempts(gate.retryAfterSeconds);
  }
  const stylesheets = stylesheetHrefs();
  const cached = version && (await publishedReaderHtml(version, version.variant));
  if (!version || !cached)
    return htmlResponse(
      messageDocument({
        title: "Report not available",
        subtitle: "Stakeholder portal",
        stylesheets,
        heading: "Report not available",
        text: "It was not shared with your address, or access has been revoked.",
        link: { href: "/portal", label: "All reports shared with you" },
      }),
      404,
    );
  queuePortalView({
    teamId: version.teamId,
    incidentId: version.incidentId,
    versionId: version.id,
    email: user.email,
    userId: user.id,
    now: new Date(),
  });
  return htmlResponse(
    assembleDocument(
      (html) =>
        frame({
          title: reportTitle(cached.html) ?? version.title,
          html,
          stylesheets,
          email: user.email,
          versionId: version.id,
        }),
      cached.bytes,
    ),
  );
}

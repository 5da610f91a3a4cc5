import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { assembleDocument } from "@/lib/html/assemble";
import { stylesheetHrefs } from "@/lib/html/stylesheets";
import { reportTitle } from "@/lib/reports/reader-html";
import { defineRoute } from "@/lib/server/route";
import { clientAddress } from "@/lib/sharing/rate-limit";
import { htmlResponse, tooManyAttempts } from "@/lib/sharing/responses";
import { openShareLink } from "@/lib/sharing/view";
import { queueShareView } from "@/lib/sharing/view-log";
import { messageDocument, readerDocument } from "@/components/sharing/reader-document";

// The shared report: the published version's HTML, stored at publish, served as one document
// (no React payload, no JavaScript) after one indexed token lookup; the HTML itself comes from
// the process's cache of published versions (lib/reports/html-cache.ts). Every request re-checks
// the token in the database (revocation and expiry are effective on the next request); the view
// is counted and audited in a batch after the response (lib/sharing/view-log.ts).
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  params: z.object({ token: z.string() }),
  async handler(request, { params }) {
    const access = await openShareLink(params.token, {
      client: clientAddress(request.headers),
      now: new Date(),
      viewerEmail: async () => (await getCurrentUser())?.email ?? null,
      defer: queueShareView,
    });
    const stylesheets = stylesheetHrefs();
    switch (access.kind) {
      case "limited":
        return tooManyAttempts(access.retryAfterSeconds);
      case "confirm":
        // The confirmation form is interactive: a React page beside this route.
        return Response.redirect(new URL(`/r/${params.token}/confirm`, request.url), 303);
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
            (html) =>
              readerDocument({
                // The title the page shows: the customer version's has its names replaced.
                title: reportTitle(access.html) ?? access.title,
                subtitle: "Shared incident report",
                stylesheets,
                html,
                printHref: `/r/${params.token}/print`,
              }),
            access.bytes,
          ),
        );
    }
  },
});

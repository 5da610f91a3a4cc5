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
import { messageDocument, printDocument } from "@/components/sharing/reader-document";

// The shared report's print view, for saving as PDF: the same stored HTML the link shows (the
// internal report or the customer version, as the link says) on A4 with the report's print
// rules (footer with title and page numbers). The token is checked, rate-limited and the view
// recorded exactly as for the link itself; nothing else is needed to read it.
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
        return Response.redirect(new URL(`/r/${params.token}/confirm`, request.url), 303);
      case "not-found":
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
              printDocument({
                title: reportTitle(access.html) ?? access.title,
                stylesheets,
                private: true,
                html,
                nonce: request.headers.get("x-nonce"),
                backHref: `/r/${params.token}`,
              }),
            access.bytes,
          ),
        );
    }
  },
});

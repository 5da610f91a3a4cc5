import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { assembleDocument } from "@/lib/html/assemble";
import { stylesheetHrefs } from "@/lib/html/stylesheets";
import { findPortalVersionHtml, publishedReaderHtml } from "@/lib/reports/published-html";
import { reportTitle } from "@/lib/reports/reader-html";
import { defineRoute } from "@/lib/server/route";
import { queuePortalView } from "@/lib/sharing/view-log";
import { htmlResponse } from "@/lib/sharing/responses";
import { messageDocument, portalReportDocument } from "@/components/sharing/reader-document";

// A report in the stakeholder portal: the stored HTML of the published version, authorized by
// an active grant for the signed-in address (checked on every request, in the same statement
// that finds the version; the HTML comes from the cache of published versions). No React payload;
// the view is audited in a batch after the response (lib/sharing/view-log.ts).
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  params: z.object({ versionId: z.string() }),
  async handler(request, { params }) {
    const user = await getCurrentUser();
    if (!user)
      return Response.redirect(
        new URL(
          `/sign-in?callbackUrl=${encodeURIComponent(`/portal/reports/${params.versionId}`)}`,
          request.url,
        ),
        307,
      );
    const stylesheets = stylesheetHrefs();
    const version = await findPortalVersionHtml(user.email, params.versionId);
    const html = version && (await publishedReaderHtml(version, version.variant));
    if (!version || !html) {
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
    }
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
        (fragment) =>
          portalReportDocument({
            // The title the page shows: the customer version's has its names replaced.
            title: `${reportTitle(html.html) ?? version.title} · Hindsight portal`,
            stylesheets,
            email: user.email,
            html: fragment,
            printHref: `/portal/reports/${version.id}/print`,
          }),
        html.bytes,
      ),
    );
  },
});

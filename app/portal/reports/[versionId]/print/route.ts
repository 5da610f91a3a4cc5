import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { assembleDocument } from "@/lib/html/assemble";
import { stylesheetHrefs } from "@/lib/html/stylesheets";
import { reportTitle } from "@/lib/reports/reader-html";
import { findPortalVersionHtml, publishedReaderHtml } from "@/lib/reports/published-html";
import { defineRoute } from "@/lib/server/route";
import { clientAddress } from "@/lib/sharing/rate-limit";
import { htmlResponse, tooManyAttempts } from "@/lib/sharing/responses";
import { takeStakeholderRead } from "@/lib/sharing/view";
import { queuePortalView } from "@/lib/sharing/view-log";
import { messageDocument, printDocument } from "@/components/sharing/reader-document";

// A portal report's print view, for saving as PDF: authorized by the signed-in address's active
// grant for this version (the same one-statement check as the portal's report page), in the
// grant's audience (internal report or customer version). Rate-limited per client like shared
// links; the view is audited after the response.
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  params: z.object({ versionId: z.string() }),
  async handler(request, { params }) {
    const url = new URL(request.url);
    const user = await getCurrentUser();
    if (!user)
      return Response.redirect(
        new URL(`/sign-in?callbackUrl=${encodeURIComponent(url.pathname)}`, url),
        307,
      );
    const gate = await takeStakeholderRead(clientAddress(request.headers), new Date());
    if (!gate.allowed) return tooManyAttempts(gate.retryAfterSeconds);
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
          printDocument({
            title: reportTitle(html.html) ?? version.title,
            stylesheets,
            private: true,
            html: fragment,
            nonce: request.headers.get("x-nonce"),
            backHref: `/portal/reports/${version.id}`,
          }),
        html.bytes,
      ),
    );
  },
});

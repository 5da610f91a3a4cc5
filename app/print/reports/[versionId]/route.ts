import { z } from "zod";
import { getCurrentUser, getTeamContext } from "@/lib/auth/session";
import { assembleDocument } from "@/lib/html/assemble";
import { stylesheetHrefs } from "@/lib/html/stylesheets";
import { findTeamVersionHtml, publishedHtml } from "@/lib/reports/published-html";
import { defineRoute } from "@/lib/server/route";
import { htmlResponse } from "@/lib/sharing/responses";
import { messageDocument, printDocument } from "@/components/sharing/reader-document";

// The print view of a published version (A4, no navigation): the stored team HTML in one
// document, for members of the incident's team; another team's version is not found.
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  params: z.object({ versionId: z.string() }),
  async handler(request, { params }) {
    const ctx = await getTeamContext();
    if (!ctx && !(await getCurrentUser()))
      return Response.redirect(
        new URL(
          `/sign-in?callbackUrl=${encodeURIComponent(`/print/reports/${params.versionId}`)}`,
          request.url,
        ),
        307,
      );
    const stylesheets = stylesheetHrefs();
    // `?audience=customer`: the customer version's PDF, to send alongside the customer share.
    const variant =
      new URL(request.url).searchParams.get("audience") === "customer" ? "customer" : "team";
    const version = ctx ? await findTeamVersionHtml(ctx.scope, params.versionId, variant) : null;
    const html = version && (await publishedHtml(version, variant));
    if (!version || !html) {
      return htmlResponse(
        messageDocument({
          title: "Not found",
          subtitle: "Print",
          stylesheets,
          heading: "Report not found",
          text: "This report does not exist or belongs to another team.",
          link: { href: "/incidents", label: "All incidents" },
        }),
        404,
      );
    }
    return htmlResponse(
      assembleDocument(
        (fragment) =>
          printDocument({
            title: `${version.title} (v${version.number})`,
            stylesheets,
            html: fragment,
            backHref: `/incidents/${version.incidentId}/report/versions/${version.number}`,
          }),
        html.bytes,
      ),
    );
  },
});

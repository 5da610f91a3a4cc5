import { z } from "zod";
import { getCurrentUser, getTeamContext } from "@/lib/auth/session";
import { assembleDocument } from "@/lib/html/assemble";
import { stylesheetHrefs } from "@/lib/html/stylesheets";
import { findTeamVersionHtml, publishedReaderHtml } from "@/lib/reports/published-html";
import { reportTitle } from "@/lib/reports/reader-html";
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
    const url = new URL(request.url);
    const ctx = await getTeamContext();
    // The return address keeps `?audience=`: signing in must not turn the customer PDF into the internal one.
    if (!ctx && !(await getCurrentUser()))
      return Response.redirect(
        new URL(`/sign-in?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`, url),
        307,
      );
    const stylesheets = stylesheetHrefs();
    // `?audience=customer`: the customer version's PDF, to send alongside the customer share.
    const variant = url.searchParams.get("audience") === "customer" ? "customer" : "team";
    const version = ctx ? await findTeamVersionHtml(ctx.scope, params.versionId, variant) : null;
    const html = version && (await publishedReaderHtml(version, variant));
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
            title: `${reportTitle(html.html) ?? version.title} (v${version.number})`,
            stylesheets,
            html: fragment,
            nonce: request.headers.get("x-nonce"),
            backHref: `/incidents/${version.incidentId}/report/versions/${version.number}`,
          }),
        html.bytes,
      ),
    );
  },
});

import { z } from "zod";
import { getCurrentUser, getTeamContext } from "@/lib/auth/session";
import { stylesheetHrefs } from "@/lib/html/stylesheets";
import { currentHtml, findTeamVersionHtml } from "@/lib/reports/published-html";
import { reportTitle } from "@/lib/reports/reader-html";
import { defineRoute } from "@/lib/server/route";
import { htmlResponse } from "@/lib/sharing/responses";
import { messageDocument, previewDocument } from "@/components/sharing/reader-document";

// The author's preview of a published version exactly as a recipient reads it: the stored
// bytes a share link of that audience serves (`?audience=customer` or `internal`), in the same
// reader page, under a banner saying it is a preview. Members of the incident's team only;
// another team's version is not found.
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  params: z.object({ versionId: z.string() }),
  async handler(request, { params }) {
    const url = new URL(request.url);
    const customer = url.searchParams.get("audience") === "customer";
    const ctx = await getTeamContext();
    if (!ctx && !(await getCurrentUser()))
      return Response.redirect(
        new URL(
          `/sign-in?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`,
          request.url,
        ),
        307,
      );
    const stylesheets = stylesheetHrefs();
    const variant = customer ? "customer" : "stakeholder";
    const version = ctx ? await findTeamVersionHtml(ctx.scope, params.versionId, variant) : null;
    const html = version && (await currentHtml(version, variant));
    if (!version || !html) {
      return htmlResponse(
        messageDocument({
          title: "Not found",
          subtitle: "Preview",
          stylesheets,
          heading: "Report not found",
          text: "This report does not exist or belongs to another team.",
          link: { href: "/incidents", label: "All incidents" },
        }),
        404,
      );
    }
    return htmlResponse(
      previewDocument({
        title: reportTitle(html) ?? version.title,
        stylesheets,
        html,
        audienceLabel: customer ? "the customer version" : "the internal report",
        backHref: `/incidents/${version.incidentId}/report/share`,
      }),
    );
  },
});

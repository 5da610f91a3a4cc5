import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import { stylesheetHrefs } from "@/lib/html/stylesheets";
import { findTeamReport, listVersions, loadReportSource } from "@/lib/reports/data";
import { composeReport } from "@/lib/reports/snapshot";
import { reportTitle } from "@/lib/reports/reader-html";
import { defineRoute } from "@/lib/server/route";
import { htmlResponse } from "@/lib/sharing/responses";
import { renderReportHtml } from "@/components/reports/report-html";
import { previewDocument } from "@/components/sharing/reader-document";

// The author's preview before publishing: the draft composed now, stamped as the next version,
// rendered by the same function publishing stores (renderReportHtml) for the chosen audience
// (`?audience=customer`, else the internal report stakeholders get), in the same reader page a
// share link serves. Team members only; another team's incident is not found.
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: { permission: "incident:read" },
  params: z.object({ id: z.string().min(1).max(64) }),
  async handler(request, { params, scope, ctx }) {
    const customer = new URL(request.url).searchParams.get("audience") === "customer";
    const report = await findTeamReport(scope, params.id);
    const source = report && (await loadReportSource(scope, report));
    if (!report || !source) throw new NotFoundError("Report");
    const versions = await listVersions(scope, report.incidentId);
    const snapshot = composeReport({
      ...source,
      publication: {
        number: (versions[0]?.number ?? 0) + 1,
        publishedAt: new Date(),
        publishedBy: ctx.user.name ?? ctx.user.email,
      },
    });
    const html = renderReportHtml(snapshot, customer ? "customer" : "stakeholder");
    return htmlResponse(
      previewDocument({
        title: reportTitle(html) ?? snapshot.title,
        stylesheets: stylesheetHrefs(),
        html,
        audienceLabel: `${customer ? "the customer version" : "the internal report"} would see if you published the draft now`,
        backHref: `/incidents/${report.incidentId}/report`,
      }),
    );
  },
});

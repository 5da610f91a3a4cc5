import { z } from "zod";
import { defineRoute } from "@/lib/server/route";
import { serveGrantedVersion } from "@/lib/sharing/serve";
import { portalReportDocument } from "@/components/sharing/reader-document";

// A report in the stakeholder portal: the stored HTML of the published version, authorized by
// an active grant for the signed-in address, checked on every request in the statement that
// finds the version (lib/sharing/serve.ts). No React payload; the view is audited after the
// response.
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  params: z.object({ versionId: z.string() }),
  handler: (request, { params }) =>
    serveGrantedVersion(request, params.versionId, { limited: false }, (report) =>
      portalReportDocument({
        ...report,
        title: `${report.title} · Hindsight portal`,
        printHref: `/portal/reports/${report.versionId}/print`,
      }),
    ),
});

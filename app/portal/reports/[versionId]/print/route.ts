import { z } from "zod";
import { defineRoute } from "@/lib/server/route";
import { serveGrantedVersion } from "@/lib/sharing/serve";
import { printDocument } from "@/components/sharing/reader-document";

// A portal report's print view, for saving as PDF: authorized like the portal's report page
// (the signed-in address's active grant, in the grant's audience) and rate-limited per client
// like shared links (lib/sharing/serve.ts); the print button runs with the request's CSP nonce.
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  params: z.object({ versionId: z.string() }),
  handler: (request, { params }) =>
    serveGrantedVersion(request, params.versionId, { limited: true }, (report) =>
      printDocument({
        ...report,
        private: true,
        nonce: request.headers.get("x-nonce"),
        backHref: `/portal/reports/${report.versionId}`,
      }),
    ),
});

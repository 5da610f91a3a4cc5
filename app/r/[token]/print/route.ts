import { z } from "zod";
import { defineRoute } from "@/lib/server/route";
import { serveShareLink } from "@/lib/sharing/serve";
import { printDocument } from "@/components/sharing/reader-document";

// The shared report's print view, for saving as PDF: the same stored HTML the link shows (the
// internal report or the customer version, as the link says) on A4 with the report's print
// rules. The token is checked, rate-limited and the view recorded exactly as for the link
// itself (lib/sharing/serve.ts); the print button runs with the request's CSP nonce.
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  params: z.object({ token: z.string() }),
  handler: (request, { params }) =>
    serveShareLink(request, params.token, (report) =>
      printDocument({
        ...report,
        private: true,
        nonce: request.headers.get("x-nonce"),
        backHref: `/r/${params.token}`,
      }),
    ),
});

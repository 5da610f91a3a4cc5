import { z } from "zod";
import { defineRoute } from "@/lib/server/route";
import { serveShareLink } from "@/lib/sharing/serve";
import { readerDocument } from "@/components/sharing/reader-document";

// The shared report: the published version's HTML, stored at publish, served as one document
// (no React payload, no JavaScript) after one indexed token lookup (lib/sharing/serve.ts).
// Every request re-checks the token in the database (revocation and expiry are effective on
// the next request); the view is counted and audited in a batch after the response.
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  params: z.object({ token: z.string() }),
  handler: (request, { params }) =>
    serveShareLink(request, params.token, (report) =>
      readerDocument({
        ...report,
        subtitle: "Shared incident report",
        printHref: `/r/${params.token}/print`,
      }),
    ),
});

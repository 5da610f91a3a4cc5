import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import { toCustomerSnapshot } from "@/lib/reports/customer";
import { getVersionForTeam } from "@/lib/reports/data";
import { exportFilename } from "@/lib/reports/export";
import { snapshotToMarkdown } from "@/lib/reports/text";
import { defineRoute } from "@/lib/server/route";

// Downloads of a published version for team members (Markdown or JSON): the team's report, or
// with `?audience=customer` the customer version (what a customer share shows), e.g. to attach
// to a support ticket. Stakeholder access goes through share links and the portal, never here.
export const GET = defineRoute({
  access: { permission: "incident:read" },
  params: z.object({ versionId: z.string().min(1).max(64), format: z.enum(["markdown", "json"]) }),
  handler: async (request, { params, scope }) => {
    const found = await getVersionForTeam(scope, params.versionId);
    if (!found) throw new NotFoundError("Report version");
    const customer = new URL(request.url).searchParams.get("audience") === "customer";
    const version = customer ? { ...found, snapshot: toCustomerSnapshot(found.snapshot) } : found;
    const headers = {
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    };
    if (params.format === "markdown") {
      return new Response(snapshotToMarkdown(version.snapshot, { customer }), {
        headers: {
          ...headers,
          "Content-Type": "text/markdown; charset=utf-8",
          "Content-Disposition": `attachment; filename="${exportFilename(version, "md", customer)}"`,
        },
      });
    }
    const body = {
      format: "hindsight.report",
      formatVersion: 1,
      versionId: version.id,
      number: version.number,
      publishedAt: version.publishedAt.toISOString(),
      audience: customer ? "customer" : "team",
      report: version.snapshot,
    };
    return new Response(JSON.stringify(body, null, 2), {
      headers: {
        ...headers,
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFilename(version, "json", customer)}"`,
      },
    });
  },
});

import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import { getVersionForTeam } from "@/lib/reports/data";
import { exportFilename } from "@/lib/reports/export";
import { snapshotToMarkdown } from "@/lib/reports/text";
import { defineRoute } from "@/lib/server/route";

// Downloads of a published version for team members (Markdown or JSON). Stakeholder access
// goes through share links and the portal, never through this route.
export const GET = defineRoute({
  access: { permission: "incident:read" },
  params: z.object({ versionId: z.string().min(1).max(64), format: z.enum(["markdown", "json"]) }),
  handler: async (_request, { params, scope }) => {
    const version = await getVersionForTeam(scope, params.versionId);
    if (!version) throw new NotFoundError("Report version");
    const headers = {
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    };
    if (params.format === "markdown") {
      return new Response(snapshotToMarkdown(version.snapshot), {
        headers: {
          ...headers,
          "Content-Type": "text/markdown; charset=utf-8",
          "Content-Disposition": `attachment; filename="${exportFilename(version, "md")}"`,
        },
      });
    }
    const body = {
      format: "hindsight.report",
      formatVersion: 1,
      versionId: version.id,
      number: version.number,
      publishedAt: version.publishedAt.toISOString(),
      report: version.snapshot,
    };
    return new Response(JSON.stringify(body, null, 2), {
      headers: {
        ...headers,
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFilename(version, "json")}"`,
      },
    });
  },
});

import { getTeamContext } from "@/lib/auth/session";
import { getVersionForTeam } from "@/lib/reports/data";
import { exportFilename } from "@/lib/reports/export";
import { snapshotToMarkdown } from "@/lib/reports/text";

// Downloads of a published version for team members (Markdown or JSON). Stakeholder access
// goes through share links and the portal, never through this route.
export async function GET(_request: Request, { params }: { params: Promise<{ versionId: string; format: string }> }) {
  const { versionId, format } = await params;
  if (format !== "markdown" && format !== "json") return new Response("Not found", { status: 404 });
  const ctx = await getTeamContext();
  if (!ctx) return new Response("Sign in to download reports.", { status: 401 });
  const version = await getVersionForTeam(ctx.team.id, versionId);
  if (!version) return new Response("Not found", { status: 404 });
  const headers = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (format === "markdown") {
    return new Response(snapshotToMarkdown(version.snapshot), {
      headers: { ...headers, "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": `attachment; filename="${exportFilename(version, "md")}"` },
    });
  }
  const body = { format: "hindsight.report", formatVersion: 1, versionId: version.id, number: version.number, publishedAt: version.publishedAt.toISOString(), report: version.snapshot };
  return new Response(JSON.stringify(body, null, 2), {
    headers: { ...headers, "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${exportFilename(version, "json")}"` },
  });
}

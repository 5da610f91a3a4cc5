import { checkReadiness } from "@/lib/health/data";
import { defineRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// Readiness: the database answers, every migration is applied and the job queue runs.
export const GET = defineRoute({
  access: "public",
  handler: async () => {
    const r = await checkReadiness();
    return Response.json(
      { status: r.ready ? "ready" : "not ready", ...r },
      { status: r.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
    );
  },
});

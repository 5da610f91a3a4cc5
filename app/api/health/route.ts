import { checkDatabase } from "@/lib/health/data";
import { defineRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Liveness and database reachability for load balancers and the start scripts. */
export const GET = defineRoute({
  access: "public",
  handler: async () => {
    const database = await checkDatabase();
    return Response.json({ status: database ? "ok" : "degraded", database }, { status: database ? 200 : 503 });
  },
});

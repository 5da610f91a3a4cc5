import { checkDatabase } from "@/lib/health/data";
import { env } from "@/lib/env";
import { defineRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * Liveness and database reachability for load balancers and the start scripts. `instance`
 * (INSTANCE_ID, when set) tells replicas apart behind a load balancer and lets the test and
 * benchmark harnesses prove that the server answering is the one they started.
 */
export const GET = defineRoute({
  access: "public",
  handler: async () => {
    const database = await checkDatabase();
    const instance = env().INSTANCE_ID;
    return Response.json(
      { status: database ? "ok" : "degraded", database, ...(instance ? { instance } : {}) },
      { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } },
    );
  },
});

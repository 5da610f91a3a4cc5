import { checkDatabase } from "@/lib/health/data";
import { env } from "@/lib/env";
import { defineRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * Liveness: 200 while the database answers, 503 within ~1.2 s when it does not (also when it
 * is frozen rather than down). Readiness for load balancers is /api/ready. `instance`
 * (INSTANCE_ID, when set) tells replicas apart behind a load balancer and lets the test and
 * benchmark harnesses prove that the server answering is the one they started.
 */
export const GET = defineRoute({
  access: "public",
  handler: async () => {
    const probe = await checkDatabase();
    const instance = env().INSTANCE_ID;
    return Response.json(
      {
        status: probe.ok ? "ok" : "degraded",
        database: probe.ok,
        latencyMs: probe.latencyMs,
        ...(instance ? { instance } : {}),
      },
      {
        status: probe.ok ? 200 : 503,
        headers: { "Cache-Control": "no-store", ...(probe.ok ? {} : { "Retry-After": "5" }) },
      },
    );
  },
});

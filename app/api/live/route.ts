import { env } from "@/lib/env";
import { defineRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * Liveness for orchestrators (Kubernetes livenessProbe, Docker HEALTHCHECK): 200 whenever this
 * process answers HTTP, whatever the database does. A database outage must not make every
 * replica "dead" and get them all restarted at once (that cures nothing and drops every
 * connection); /api/health (database reachable) and /api/ready (database, migrations, queue)
 * report that instead, and readiness takes a replica out of the load balancer meanwhile.
 */
export const GET = defineRoute({
  access: "public",
  handler: async () => {
    const instance = env().INSTANCE_ID;
    return Response.json(
      {
        status: "live",
        uptimeSeconds: Math.round(process.uptime()),
        ...(instance ? { instance } : {}),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
});

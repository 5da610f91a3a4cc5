import { env } from "@/lib/env";
import { metricsAccess } from "@/lib/metrics/access";
import { refreshDatabaseGauges } from "@/lib/metrics/data";
import { metrics } from "@/lib/metrics/registry";
import { defineRoute, jsonError } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// Prometheus scrape endpoint. "verified": the handler checks METRICS_TOKEN itself; without a
// configured token the endpoint does not exist (404), a wrong or missing bearer gets 401.
export const GET = defineRoute({
  access: "verified",
  handler: async (request) => {
    const access = metricsAccess(env().METRICS_TOKEN, request.headers.get("authorization"));
    if (access === "not-configured") return jsonError(404, "Not found.");
    if (access === "unauthorized") {
      const response = jsonError(401, "A valid metrics token is required.");
      response.headers.set("WWW-Authenticate", 'Bearer realm="metrics"');
      return response;
    }
    await refreshDatabaseGauges();
    const { registry } = metrics();
    return new Response(await registry.metrics(), {
      headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
    });
  },
});

import { z } from "zod";
import { getPreferredTimeZone } from "@/lib/incidents/data";
import { CHART_IDS } from "@/lib/metrics/dashboard";
import { toCsv } from "@/lib/metrics/csv";
import { dashboardParams, dashboardView } from "@/lib/metrics/view";
import { defineRoute, jsonError } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** The numbers behind one dashboard chart, for the same period and filters as the page. */
export const GET = defineRoute({
  access: { permission: "incident:read" },
  handler: async (request, { ctx, scope }) => {
    const url = new URL(request.url);
    const raw = Object.fromEntries(url.searchParams);
    const chart = z.enum(CHART_IDS).safeParse(raw.chart);
    if (!chart.success)
      return jsonError(422, "Choose a chart.", { chart: [`One of: ${CHART_IDS.join(", ")}.`] });
    const params = dashboardParams(raw, await getPreferredTimeZone(ctx.user.id));
    const { tables } = await dashboardView(scope, params);
    const table = tables[chart.data];
    const name = `hindsight-${chart.data}-${params.from}-to-${params.to}${params.service ? `-${params.service.replace(/[^\w.-]+/g, "_")}` : ""}.csv`;
    return new Response(toCsv(table.columns, table.rows), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
});

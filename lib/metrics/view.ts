import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { dashboardTables, type ChartId, type DataTable } from "./dashboard";
import { loadDashboard } from "./dashboard-data";
import { parseDashboardParams, type DashboardParams } from "./period";

/** URL → params, with the viewer's preferred zone when the URL names none. */
export function dashboardParams(
  raw: Record<string, string | string[] | undefined>,
  preferredZone: string | null,
  now = new Date(),
): DashboardParams {
  return parseDashboardParams(raw.tz || !preferredZone ? raw : { ...raw, tz: preferredZone }, now);
}

export async function dashboardView(scope: TeamScope, params: DashboardParams, now = new Date()) {
  const { aggregates, ownerNames } = await loadDashboard(scope, params, now);
  const tables: Record<ChartId, DataTable> = dashboardTables(aggregates, ownerNames);
  return { aggregates, tables };
}

// Who may read /api/metrics: nobody unless METRICS_TOKEN is configured (404: the endpoint does
// not exist), then only a request that presents it as a bearer token (401 otherwise).
import { timingSafeEqual } from "node:crypto";

export type MetricsAccess = "allowed" | "not-configured" | "unauthorized";

export function metricsAccess(
  configuredToken: string | undefined,
  authorization: string | null,
): MetricsAccess {
  if (!configuredToken) return "not-configured";
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? "");
  if (!match) return "unauthorized";
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(configuredToken);
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? "allowed"
    : "unauthorized";
}

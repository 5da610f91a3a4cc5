// Loads the documented payloads in ./fixtures (tests and benchmarks).
import { readFileSync } from "node:fs";
import path from "node:path";

export const FIXTURE_FILES = [
  "alertmanager-v4-firing.json",
  "alertmanager-v4-resolved.json",
  "grafana-firing.json",
  "kapacitor-critical.json",
  "kapacitor-ok.json",
  "sentry-event-alert.json",
  "generic-firing.json",
  "generic-resolved.json",
] as const;

export function fixtureText(name: (typeof FIXTURE_FILES)[number]): string {
  return readFileSync(path.join(process.cwd(), "lib/alerts/fixtures", name), "utf8");
}

export function fixture(name: (typeof FIXTURE_FILES)[number]): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

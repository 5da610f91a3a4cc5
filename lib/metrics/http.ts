// Request durations for every request the Node server answers (pages, server actions, route
// handlers, static files), observed through Node's built-in HTTP diagnostics channels so no
// handler has to remember to time itself.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { metrics } from "./registry";

const ID_SEGMENT =
  /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{20,})$/;

/**
 * The route pattern of a path, for a label with bounded cardinality: ids, numbers and tokens
 * become `[id]`, build assets collapse to their prefix, and anything that was not found becomes
 * one label (scanners probing random paths must not create series).
 */
export function routeLabel(url: string, status: number): string {
  if (status === 404) return "(not found)";
  const pathname = (url.split("?")[0] ?? "/").split("#")[0] || "/";
  if (pathname.startsWith("/_next/static/")) return "/_next/static";
  if (pathname.startsWith("/_next/")) return "/_next";
  const route = pathname
    .split("/")
    .map((segment) => (ID_SEGMENT.test(segment) ? "[id]" : segment))
    .join("/");
  return route.length > 120 ? `${route.slice(0, 120)}…` : route || "/";
}

export function methodLabel(request: Pick<IncomingMessage, "method" | "headers">): string {
  // Server actions are POSTs to the page's path; the header tells them apart from form posts.
  return request.headers["next-action"] ? "ACTION" : (request.method ?? "GET");
}

const g = globalThis as unknown as { hindsightHttpMetrics?: boolean };

export function installHttpMetrics(): void {
  if (g.hindsightHttpMetrics) return;
  g.hindsightHttpMetrics = true;
  const started = new WeakMap<ServerResponse, { at: bigint; method: string; url: string }>();
  subscribe("http.server.request.start", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    started.set(response, {
      at: process.hrtime.bigint(),
      method: methodLabel(request),
      url: request.url ?? "/",
    });
  });
  subscribe("http.server.response.finish", (message) => {
    const { response } = message as { response: ServerResponse };
    const start = started.get(response);
    if (!start) return;
    started.delete(response);
    const seconds = Number(process.hrtime.bigint() - start.at) / 1e9;
    const status = response.statusCode;
    metrics().httpDuration.observe(
      {
        route: routeLabel(start.url, status),
        method: start.method,
        status: `${Math.floor(status / 100)}xx`,
      },
      seconds,
    );
  });
}

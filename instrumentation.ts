// Runs once when the server starts: the environment is checked (a production server without
// APP_URL refuses to start, naming the variable), then the email worker starts inside the app
// by default, so a single `npm start` delivers mail. Set WORKER=off to run workers as separate
// processes instead.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // First: every request from now on carries its socket address under a secret stamp, the
  // only client address rate limits trust (lib/net/client-address.ts).
  const { installClientStamp } = await import("./lib/net/client-address");
  installClientStamp();
  const { parseEnv } = await import("./lib/env");
  const checked = parseEnv(process.env);
  if (!checked.ok) {
    console.error(`[hindsight] Refusing to start. ${checked.error}`);
    process.exit(1);
  }
  const { installShutdownHandlers } = await import("./lib/server/shutdown");
  installShutdownHandlers();
  const { installHttpMetrics } = await import("./lib/metrics/http");
  installHttpMetrics();
  const { startInAppWorker } = await import("./lib/jobs/in-app");
  // Not awaited: the server must answer even while the database is still coming up.
  void startInAppWorker();
}

/**
 * Every error a request raises on the server (render, server action, route handler) becomes one
 * structured log line with a request id, its digest (what the user's error page shows) and the
 * stack. The user never sees the stack: Next sends only the digest to the browser.
 */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routerKind: string; routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { errorFields, log, requestIdOf } = await import("./lib/log");
  log.error(
    {
      ...errorFields(error),
      requestId: requestIdOf(request.headers),
      digest: (error as { digest?: string } | null)?.digest,
      method: request.method,
      path: request.path.split("?")[0],
      route: context.routePath,
      routeType: context.routeType,
    },
    "request failed",
  );
}

import { z } from "zod";

const parseUrl = (v: string) => (URL.canParse(v) ? new URL(v) : null);

/** The public origin people open; every emailed link is built on it and on nothing else. */
const appUrl = z
  .string({
    error:
      "set APP_URL to the public address people open, e.g. https://hindsight.example.com (every emailed link is built on it)",
  })
  .url("APP_URL must be a full URL, e.g. https://hindsight.example.com")
  .refine(
    (v) => !parseUrl(v) || /^https?:$/.test(parseUrl(v)!.protocol),
    "APP_URL must start with http:// or https://",
  )
  .refine(
    (v) => !parseUrl(v) || parseUrl(v)!.pathname === "/",
    "APP_URL must be an origin without a path, e.g. https://hindsight.example.com",
  )
  .transform((v) => new URL(v).origin);

function schemaFor(production: boolean) {
  return z.object({
    DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
    AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters"),
    // In production there is no default: a guessed origin (or one taken from request headers)
    // would put an attacker's host into sign-in links.
    APP_URL: production ? appUrl : appUrl.default("http://localhost:3000"),
    SMTP_URL: z.string().optional(),
    EMAIL_FROM: z.string().default("Hindsight <hindsight@localhost>"),
    // Set by the start script when it runs the development mail catcher.
    DEV_MAILBOX_DIR: z.string().optional(),
    // The loopback-only address where the mail catcher serves that mailbox.
    DEV_MAILBOX_URL: z.string().url().optional(),
    AUTH_GITHUB_ID: z.string().optional(),
    AUTH_GITHUB_SECRET: z.string().optional(),
    AUTH_OIDC_ISSUER: z.string().url().optional(),
    AUTH_OIDC_ID: z.string().optional(),
    AUTH_OIDC_SECRET: z.string().optional(),
    AUTH_OIDC_NAME: z.string().default("Single sign-on"),
    // Sign-in and other emails one client address may cause in a row (then 30 an hour). Raise
    // it when many people share one address (a NAT) and TRUSTED_PROXIES cannot tell them apart.
    EMAIL_LIMIT_CLIENT_BURST: z.coerce.number().int().min(1).default(10),
    // Per API token: burst size and requests regained per second (token bucket in PostgreSQL).
    API_RATE_BURST: z.coerce.number().int().min(1).default(120),
    API_RATE_PER_SECOND: z.coerce.number().min(0.1).default(10),
    // Per alert source: burst and sustained deliveries/s (a storm of alerts from one tool is
    // answered 429 with Retry-After, which Alertmanager and Grafana retry; others go on).
    ALERT_RATE_BURST: z.coerce.number().int().min(1).default(60),
    ALERT_RATE_PER_SECOND: z.coerce.number().min(0.1).default(5),
    // Outgoing notifications may go to private, loopback and link-local addresses (in-house
    // receivers; the test suite's loopback receivers). Off: such targets are refused (SSRF).
    NOTIFICATIONS_ALLOW_PRIVATE: z
      .enum(["0", "1"], { error: "NOTIFICATIONS_ALLOW_PRIVATE must be 0 or 1" })
      .default("0")
      .transform((v) => v === "1"),
    // Slack Web API base (a local stand-in in tests).
    SLACK_API_BASE_URL: z.string().url().default("https://slack.com/api"),
    // Names this process in /api/health (replicas; the test harness's proof it reached its own server).
    INSTANCE_ID: z.string().max(200).optional(),
    // Bearer token for /api/metrics (Prometheus); unset: the endpoint answers 404.
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    // "off": this web process sends no email itself (run `npm run worker` elsewhere).
    WORKER: z.enum(["on", "off"], { error: "WORKER must be on or off" }).default("on"),
    // Parallel fetch loops of the standalone worker (scripts/worker.ts).
    WORKER_CONCURRENCY: z.coerce
      .number({ error: "WORKER_CONCURRENCY must be a whole number from 1 to 64" })
      .int("WORKER_CONCURRENCY must be a whole number from 1 to 64")
      .min(1, "WORKER_CONCURRENCY must be a whole number from 1 to 64")
      .max(64, "WORKER_CONCURRENCY must be a whole number from 1 to 64")
      .default(4),
    // Email delivery attempts not finished after this long count as lost and are retried, and
    // how often workers look for them (read by lib/jobs/boss.ts from the worker's environment).
    EMAIL_ATTEMPT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(60),
    QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(30),
    // Largest attachment (screenshot, log, PDF) a team may upload, in bytes: 10 MB by default,
    // at most 50 MB (uploads pass the proxy's body limit, set in next.config.js).
    ATTACHMENT_MAX_BYTES: z.coerce
      .number({
        error: "ATTACHMENT_MAX_BYTES must be a whole number of bytes from 1024 to 52428800",
      })
      .int("ATTACHMENT_MAX_BYTES must be a whole number of bytes from 1024 to 52428800")
      .min(1024, "ATTACHMENT_MAX_BYTES must be a whole number of bytes from 1024 to 52428800")
      .max(52_428_800, "ATTACHMENT_MAX_BYTES must be a whole number of bytes from 1024 to 52428800")
      .default(10_485_760),
    // Memory for published report HTML kept per process, in MB; 0 turns the cache off (read
    // by lib/reports/html-cache.ts, which the browser bundle shares; validated here).
    PUBLISHED_HTML_CACHE_MB: z.coerce
      .number({ error: "PUBLISHED_HTML_CACHE_MB must be a number of megabytes from 0 to 4096" })
      .min(0, "PUBLISHED_HTML_CACHE_MB must be a number of megabytes from 0 to 4096")
      .max(4096, "PUBLISHED_HTML_CACHE_MB must be a number of megabytes from 0 to 4096")
      .default(48),
    // Reverse proxies in front of the app (read per request by lib/net/client-address.ts, which
    // also runs where this module is not loaded; validated here so a typo stops the start).
    TRUSTED_PROXIES: z.coerce
      .number()
      .int("TRUSTED_PROXIES must be a whole number from 0 to 10")
      .min(0, "TRUSTED_PROXIES must be a whole number from 0 to 10")
      .max(10, "TRUSTED_PROXIES must be a whole number from 0 to 10")
      .default(0),
  });
}

/** Every variable the app reads through env(), for the README check (lib/env.test.ts). */
export const APP_VARIABLES: readonly string[] = Object.keys(schemaFor(false).shape);

/**
 * Variables read outside env(), each with where and why; the README documents them too.
 * Launchers and test harnesses read them before the app (or instead of it) runs.
 */
export const LAUNCHER_VARIABLES: Readonly<Record<string, string>> = {
  PORT: "npm start / npm run serve: the web server's port",
  HOST: "npm start: the listen address",
  MAILCATCHER_PORT: "npm start without SMTP_URL: the mail catcher's SMTP port",
  MAILBOX_PORT: "npm start without SMTP_URL: the mail catcher's mailbox page",
  MAX_HEAP_MB: "npm start: the web server's V8 heap cap",
  MALLOC_ARENA_MAX: "npm start: glibc malloc arenas of the web server (read by glibc itself)",
  TEST_DATABASE_URL: "npm test: the server it creates its database on",
  E2E_PORT: "the e2e harness: the app's port",
  BENCH_PORT: "the benchmarks: the app's port",
  CHROMIUM_PATH: "the e2e harness: the browser",
};

/** Set by the start script for the app, never by people: not in the README. */
export const INTERNAL_VARIABLES: Readonly<Record<string, string>> = {
  DEV_MAILBOX_DIR: "the development mail catcher's directory (npm start)",
  DEV_MAILBOX_URL: "the development mail catcher's page (npm start)",
};

export type Env = z.infer<ReturnType<typeof schemaFor>>;

/** Parses an environment; the error lists each missing or wrong variable on its own line. */
export function parseEnv(
  source: Record<string, string | undefined>,
): { ok: true; env: Env } | { ok: false; error: string } {
  const parsed = schemaFor(source.NODE_ENV === "production").safeParse(source);
  if (parsed.success) return { ok: true, env: parsed.data };
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  return { ok: false, error: `Invalid environment:\n${lines.join("\n")}` };
}

let cached: Env | undefined;

/** Validated environment; throws a readable list of what is missing or wrong. */
export function env(): Env {
  if (cached) return cached;
  const result = parseEnv(process.env);
  if (!result.ok) throw new Error(result.error);
  cached = result.env;
  return cached;
}

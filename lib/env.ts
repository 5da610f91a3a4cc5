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
  });
}

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

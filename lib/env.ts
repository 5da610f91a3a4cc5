import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters"),
  APP_URL: z.string().url().default("http://localhost:3000"),
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
  // Per API token: burst size and requests regained per second (token bucket in PostgreSQL).
  API_RATE_BURST: z.coerce.number().int().min(1).default(120),
  API_RATE_PER_SECOND: z.coerce.number().min(0.1).default(10),
  // Slack Web API base (a local stand-in in tests).
  SLACK_API_BASE_URL: z.string().url().default("https://slack.com/api"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Validated environment; throws a readable list of what is missing or wrong. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

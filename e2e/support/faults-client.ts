// Plain HTTP helpers for the fault tests: a signed-in member seeded in the database, and the
// sign-in link request (the one email anyone can cause) made as a browser form would.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { createIncidentFor } from "./whys-db";

export interface Member {
  email: string;
  userId: string;
  teamId: string;
  /** Cookie header value of a live session. */
  cookie: string;
  sessionToken: string;
  incidentId: string;
}

/** A team owner with a session and one incident, straight in the database. */
export async function seedMember(databaseUrl: string, name: string): Promise<Member> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const id = `${name}${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const email = `${id}@example.test`;
  const sessionToken = randomBytes(24).toString("hex");
  try {
    await client.query(
      `INSERT INTO "User" (id, email, name, "updatedAt") VALUES ($1, $2, $3, now())`,
      [id, email, `Member ${name}`],
    );
    await client.query(
      `INSERT INTO "Team" (id, name, slug, "updatedAt") VALUES ($1, $2, $1, now())`,
      [`${id}t`, `Team ${name}`],
    );
    await client.query(
      `INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'OWNER')`,
      [`${id}m`, `${id}t`, id],
    );
    await client.query(
      `INSERT INTO "Session" (id, "sessionToken", "userId", expires, "activeTeamId") VALUES ($1, $2, $3, now() + interval '1 day', $4)`,
      [`${id}s`, sessionToken, id, `${id}t`],
    );
  } finally {
    await client.end();
  }
  const { incidentId } = await createIncidentFor(
    email,
    {
      title: `Checkout outage (${name})`,
      customerImpact: "Customers could not pay for 20 minutes.",
    },
    databaseUrl,
  );
  return {
    email,
    userId: id,
    teamId: `${id}t`,
    cookie: `authjs.session-token=${sessionToken}`,
    sessionToken,
    incidentId,
  };
}

export interface Csrf {
  token: string;
  cookie: string;
}

export async function csrfFrom(baseUrl: string): Promise<Csrf> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    token: csrfToken,
    cookie: response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
  };
}

export type SignInOutcome = "sent" | "limited" | `unexpected ${number}`;

/** POSTs the sign-in form for `email`; "sent" when Auth.js goes on to "check your email". */
export async function requestSignInLink(
  baseUrl: string,
  email: string,
  csrf: Csrf,
  timeoutMs = 20_000,
): Promise<SignInOutcome> {
  const response = await fetch(`${baseUrl}/api/auth/signin/nodemailer`, {
    method: "POST",
    headers: { cookie: csrf.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, csrfToken: csrf.token, callbackUrl: "/" }),
    redirect: "manual",
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer();
  const location = response.headers.get("location") ?? "";
  if (response.status >= 300 && response.status < 400 && location.includes("/verify-request"))
    return "sent";
  if (response.status >= 300 && response.status < 400 && location.includes("error="))
    return "limited";
  return `unexpected ${response.status}`;
}

/** Email jobs by state (pg-boss), to show nothing is left queued, in flight or failed. */
export async function emailJobStates(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string; n: number }>(
      `SELECT state::text, count(*)::int AS n FROM pgboss.job WHERE name = 'email' GROUP BY state`,
    );
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    await client.end();
  }
}

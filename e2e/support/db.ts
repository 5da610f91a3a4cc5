// Direct database helpers for e2e setup that has no UI of its own yet. The e2e runner sets
// DATABASE_URL to the fresh test database the app under test uses.
import pg from "pg";

async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run e2e tests with `npm run test:e2e`");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Adds `email` (creating the user if needed) to the team that `ownerEmail` owns, with `role`. */
export async function addMemberToTeamOf(
  ownerEmail: string,
  email: string,
  role: "OWNER" | "EDITOR" | "VIEWER",
  profile: { name?: string; timeZone?: string } = {},
) {
  await withClient(async (c) => {
    const team = await c.query<{ teamId: string }>(
      `SELECT m."teamId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 AND m.role = 'OWNER' ORDER BY m."createdAt" LIMIT 1`,
      [ownerEmail.toLowerCase()],
    );
    if (!team.rows[0]) throw new Error(`${ownerEmail} owns no team`);
    const id = `e2e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const user = await c.query<{ id: string }>(
      `INSERT INTO "User" (id, email, name, "timeZone", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, now(), now())
       ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
      [id, email.toLowerCase(), profile.name ?? null, profile.timeZone ?? null],
    );
    await c.query(
      `INSERT INTO "Membership" (id, "teamId", "userId", role, "createdAt") VALUES ($1, $2, $3, $4, now())`,
      [`${id}m`, team.rows[0].teamId, user.rows[0].id, role],
    );
  });
}

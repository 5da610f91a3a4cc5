// Server-level statements (CREATE / DROP DATABASE) for test and benchmark databases.
import pg from "pg";

/** The same server and credentials, another database. */
export function withDatabaseName(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs one statement on the `postgres` maintenance database of `url`'s server. */
export async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

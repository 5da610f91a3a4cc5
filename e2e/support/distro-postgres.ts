// A throwaway PostgreSQL cluster from the distribution's packages (Debian's postgresql-15 by
// default, PG_BIN_DIR to choose another), for the backup test: pg_dump must be at least the
// server's major version, and the embedded server (PostgreSQL 18) ships no pg_dump, while the
// distribution ships server and client tools of one version together.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./own-postgres";

export const PG_BIN_DIR = process.env.PG_BIN_DIR ?? "/usr/lib/postgresql/15/bin";
const run = promisify(execFile);

export interface DistroPostgres {
  port: number;
  url(database: string): string;
  /** Runs one of the cluster's client programs (pg_dump, pg_restore, psql, createdb, …). */
  tool(name: string, args: string[]): Promise<{ stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

function postgresUser(): { uid: number; gid: number } | undefined {
  // PostgreSQL refuses to run as root; as root the cluster runs as the distribution's `postgres`.
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  return { uid: id("-u"), gid: id("-g") };
}

export async function startDistroPostgres(): Promise<DistroPostgres> {
  for (const program of ["initdb", "postgres", "pg_dump", "pg_restore"]) {
    if (!existsSync(path.join(PG_BIN_DIR, program))) {
      throw new Error(
        `${path.join(PG_BIN_DIR, program)} is missing: install Debian's postgresql-15 package (.ci/run does) or set PG_BIN_DIR to a PostgreSQL bin directory.`,
      );
    }
  }
  const owner = postgresUser();
  const dir = mkdtempSync(path.join(tmpdir(), "hindsight-distro-pg-"));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, "data");
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  await run(
    path.join(PG_BIN_DIR, "initdb"),
    ["-D", data, "-U", "hindsight", "--auth=trust", "-E", "UTF8", "--locale=C"],
    { ...asOwner, cwd: dir },
  );
  const port = await freePort();
  const server: ChildProcess = spawn(
    path.join(PG_BIN_DIR, "postgres"),
    [
      "-D",
      data,
      "-p",
      String(port),
      "-k",
      dir,
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "fsync=off",
    ],
    {
      ...asOwner,
      cwd: dir,
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let log = "";
    server.stderr!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("ready to accept connections")) resolve();
    });
    server.once("exit", (code) =>
      reject(new Error(`postgres exited (${code}) during start-up:\n${log}`)),
    );
  });
  const url = (database: string) => `postgresql://hindsight@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    tool: (name, args) => run(path.join(PG_BIN_DIR, name), args, { maxBuffer: 64 * 1024 * 1024 }),
    stop: async () => {
      if (server.exitCode === null) {
        await new Promise<void>((resolve) => {
          server.once("exit", () => resolve());
          server.kill("SIGINT"); // fast shutdown
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

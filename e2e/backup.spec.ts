import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { migrateDeploy } from "../scripts/db/migrate";
import { createInstance, freePort, layoutStandalone, type Instance } from "./support/cluster";
import { startDistroPostgres, type DistroPostgres } from "./support/distro-postgres";
import { seedMember, type Member } from "./support/faults-client";
import { createShareLinks, publishReportFor } from "./support/share-db";

// docs/deployment.md's backup and restore, exactly as written there: pg_dump (custom format)
// from the database of a running instance, pg_restore into a fresh database, and the app (the
// container's standalone server) started on the copy serves the same incident and report.
test.describe.configure({ timeout: 180_000 });

const SECRET = "backup-secret-not-for-production-0123456789";
let cluster: DistroPostgres;
let layout: { dir: string; remove(): void };
let workDir: string;
const instances: Instance[] = [];

test.beforeAll(async () => {
  cluster = await startDistroPostgres();
  layout = layoutStandalone();
  workDir = mkdtempSync(path.join(tmpdir(), "hindsight-backup-"));
});

test.afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop("SIGKILL")));
  await cluster?.stop();
  layout?.remove();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function serve(databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const instance = createInstance(`app${instances.length}`, layout.dir, port, {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: SECRET,
    APP_URL: url,
    AUTH_URL: url,
    AUTH_TRUST_HOST: "true",
  });
  instances.push(instance);
  await instance.start();
  return instance;
}

async function counts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result: Record<string, number> = {};
    for (const table of [
      "User",
      "Team",
      "Incident",
      "TimelineEvent",
      "ReportVersion",
      "ShareLink",
      "Session",
      "_prisma_migrations",
    ]) {
      result[table] = (
        await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)
      ).rows[0]!.n;
    }
    return result;
  } finally {
    await client.end();
  }
}

/** What a reader sees: the page without its per-request CSP nonces and the instance's own address. */
const page = async (base: string, pathname: string, cookie?: string) => {
  const response = await fetch(`${base}${pathname}`, {
    headers: { accept: "text/html", ...(cookie ? { cookie } : {}) },
    redirect: "manual",
  });
  return {
    status: response.status,
    html: (await response.text())
      .replace(/nonce="[^"]*"/g, 'nonce=""')
      .replaceAll(base, "https://hindsight.example"),
  };
};

test("a pg_dump of a running instance's database restores into a fresh database that serves the same incident and report", async () => {
  const original = cluster.url("hindsight");
  await cluster.tool("createdb", [
    "-h",
    "127.0.0.1",
    "-p",
    String(cluster.port),
    "-U",
    "hindsight",
    "hindsight",
  ]);
  await migrateDeploy(original, true);
  const member: Member = await seedMember(original, "backup");
  const report = await publishReportFor(member.email, "Payment gateway timeouts", original);
  const [token] = await createShareLinks(report, 1, original);

  const live = await serve(original);
  const before = {
    incident: await page(live.url, `/incidents/${member.incidentId}`, member.cookie),
    shared: await page(live.url, `/r/${token}`),
  };
  expect(before.incident.status).toBe(200);
  expect(before.incident.html).toContain("Checkout outage (backup)");
  expect(before.shared.status).toBe(200);
  expect(before.shared.html).toContain("Payment gateway timeouts");

  // The commands of docs/deployment.md, against the database the instance is serving from.
  const dump = path.join(workDir, "hindsight.dump");
  const started = Date.now();
  await cluster.tool("pg_dump", ["--format=custom", `--file=${dump}`, original]);
  const dumpMs = Date.now() - started;
  await cluster.tool("createdb", [
    "-h",
    "127.0.0.1",
    "-p",
    String(cluster.port),
    "-U",
    "hindsight",
    "hindsight_restored",
  ]);
  const restoredAt = Date.now();
  await cluster.tool("pg_restore", [
    "--no-owner",
    `--dbname=${cluster.url("hindsight_restored")}`,
    dump,
  ]);
  const restoreMs = Date.now() - restoredAt;
  const { stdout: version } = await cluster.tool("pg_dump", ["--version"]);
  console.log(
    `[backup] ${version.trim()}: dump ${statSync(dump).size} bytes in ${dumpMs} ms, restored in ${restoreMs} ms`,
  );

  const restored = cluster.url("hindsight_restored");
  expect(await counts(restored)).toEqual(await counts(original));
  // `npm run db:migrate` after a restore (as the guide says) finds nothing to do on a current dump.
  await migrateDeploy(restored, true);
  expect(await counts(restored)).toEqual(await counts(original));

  await live.stop("SIGTERM");
  const copy = await serve(restored);
  const after = {
    incident: await page(copy.url, `/incidents/${member.incidentId}`, member.cookie),
    shared: await page(copy.url, `/r/${token}`),
  };
  expect(after.incident.status).toBe(200);
  expect(after.shared.status).toBe(200);
  // The same pages: same session, same incident, same published report behind the same link.
  expect(after.incident.html).toContain("Checkout outage (backup)");
  expect(after.shared.html).toContain("Payment gateway timeouts");
  const ready = await fetch(`${copy.url}/api/ready`);
  expect(await ready.json()).toMatchObject({ ready: true, migrations: { ok: true, pending: [] } });
  expect(after.shared.html).toBe(before.shared.html);
});

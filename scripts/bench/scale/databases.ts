// The scale bench's two databases (100k and 1k incidents), seeded once per seed version and kept
// as PostgreSQL template databases; each run measures fresh copies of them.
//
// Seed version: a hash of everything that decides the seeded rows (the seed scripts, the
// extensions, the migrations, the report composer and the shape). When a template with that
// version exists, a run copies it (CREATE DATABASE … TEMPLATE, a file copy: seconds) instead of
// seeding again (a minute or two); the output says which happened. The template itself is never
// measured or written to, so the writes a run makes (share links, API creates, alerts) never leak
// into the next run. BENCH_FRESH=1 seeds anew; templates of older versions are dropped.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { buildSync } from "esbuild";
import pg from "pg";
import { adminQuery, withDatabaseName } from "../../db/admin";
import { migrateDeploy } from "../../db/migrate";
import type { ScaleExtension } from "./extensions";
import { seedLargeIncident, shareLargeIncident, type LargeIncident } from "./large";
import { readBulkSeed, seedBulk, type BulkSeed, type BulkShape, type RunTasks } from "./seed";

const root = path.resolve(import.meta.dirname, "../../..");
const TEMPLATE_PREFIX = "hindsight_bench_tpl_";
const MAX_TEMPLATE_AGE_MS = 7 * 86_400_000;
const STALE_TEMPLATE_MS = 12 * 3_600_000;

export interface Prepared {
  urls: { small: string; large: string };
  names: { small: string; large: string };
  small: BulkSeed;
  big: BulkSeed;
  large: LargeIncident;
  /** How the data came to be, for the output: seeded now (with its time) or copied from a template. */
  origin: {
    reused: boolean;
    version: string;
    seedSeconds: number;
    smallSeedSeconds: number;
    copySeconds: number;
  };
}

function filesUnder(dir: string, keep: (f: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => keep(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Entry points of the seed: every local module they import decides the seeded rows. */
const SEED_ENTRIES = [
  "scripts/bench/scale/seed.ts",
  "scripts/bench/scale/large.ts",
  "scripts/bench/scale/databases.ts",
];

/**
 * Hash of the inputs that decide the seeded rows: the shapes, the migrations and the source of
 * every local module the seed scripts and extensions import (found by esbuild's import graph, so
 * e.g. a change to how reports are rendered, which the app redoes itself for stored HTML of
 * another renderer, does not seed 100,000 incidents anew; a change to composeReport does).
 */
export function seedVersion(shapes: BulkShape[]): string {
  const entryPoints = [
    ...SEED_ENTRIES.map((f) => path.join(root, f)),
    ...filesUnder(path.join(root, "scripts/bench/scale/extensions"), (f) => f.endsWith(".ts")),
  ];
  const graph = buildSync({
    entryPoints,
    bundle: true,
    write: false,
    platform: "node",
    format: "esm",
    packages: "external",
    metafile: true,
    outdir: path.join(root, ".next-bench-seed-graph"),
    absWorkingDir: root,
    logLevel: "silent",
  });
  const sources = Object.keys(graph.metafile.inputs)
    // The generated Prisma client follows the schema, which the migrations already hash.
    .filter((f) => !f.startsWith("lib/generated/") && !f.includes("node_modules/"))
    .map((f) => path.join(root, f));
  const files = [
    ...new Set(sources),
    ...filesUnder(path.join(root, "prisma/migrations"), (f) => f.endsWith(".sql")),
  ].sort();
  const h = createHash("sha256").update(JSON.stringify(shapes));
  for (const f of files)
    h.update(path.relative(root, f)).update("\0").update(readFileSync(f)).update("\0");
  return h.digest("hex").slice(0, 12);
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const BULK_TABLES = [
  "Incident",
  "TimelineEvent",
  "WhyNode",
  "ActionItem",
  "Report",
  "ReportVersion",
  "ReportSectionText",
  "StakeholderGrant",
];

/**
 * Drops the plain (non-unique, non-constraint) indexes of the bulk tables and returns their
 * definitions, the costliest first (trigram GiST, then GIN, then btree; larger tables first):
 * filling a table and then building its GIN/trigram indexes once is several times faster
 * than updating them row by row, and building the longest first keeps both cores busy.
 */
async function dropBulkIndexes(c: pg.Client): Promise<string[]> {
  const { rows } = await c.query<{ name: string; def: string }>(
    `SELECT quote_ident(ci.relname) AS name, pg_get_indexdef(x.indexrelid) AS def
     FROM pg_index x JOIN pg_class ci ON ci.oid = x.indexrelid JOIN pg_class ct ON ct.oid = x.indrelid
       JOIN pg_am am ON am.oid = ci.relam
     WHERE ct.relname = ANY($1) AND ct.relnamespace = 'public'::regnamespace AND NOT x.indisunique
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
     ORDER BY CASE am.amname WHEN 'gist' THEN 0 WHEN 'gin' THEN 1 ELSE 2 END,
       array_position($1, ct.relname::text), ci.relname`,
    [BULK_TABLES],
  );
  for (const r of rows) await c.query(`DROP INDEX ${r.name}`);
  return rows.map((r) => r.def);
}

/** The seed's connections, each set up as the seed needs; tasks run on whichever is free. */
async function connectionPool(url: string, size: number) {
  const clients: pg.Client[] = [];
  for (let i = 0; i < size; i++) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("SET maintenance_work_mem = '256MB'");
    clients.push(c);
  }
  // No foreign-key checks per row while filling (superuser only; the seed is consistent by
  // construction). Triggers are off too, so TeamService, TeamActionCount and the search
  // vocabulary (SearchWord) are filled afterwards as their migrations do.
  const replica = await Promise.all(
    clients.map((c) =>
      c.query("SET session_replication_role = replica").then(
        () => true,
        () => false,
      ),
    ),
  ).then((all) => all.every(Boolean));
  const run: RunTasks = async (tasks) => {
    const queue = [...tasks];
    await Promise.all(
      clients.map(async (c) => {
        for (let task = queue.shift(); task; task = queue.shift()) await task(c);
      }),
    );
  };
  return {
    first: clients[0]!,
    replica,
    run,
    end: () => Promise.all(clients.map((c) => c.end())),
  };
}

/** How many connections seed side by side: one per core (BENCH_SEED_CONNECTIONS overrides). */
const seedConnections = () =>
  Math.max(1, Number(process.env.BENCH_SEED_CONNECTIONS ?? availableParallelism()));

/** Seeds one template database: migrations, bulk rows, (100k only) the large incident, extensions. */
async function seedTemplate(
  url: string,
  shape: BulkShape,
  withLarge: boolean,
  extensions: ScaleExtension[],
  log: (line: string) => void,
): Promise<number> {
  await migrateDeploy(url, true);
  const t0 = performance.now();
  let last = t0;
  const step = (label: string) => {
    const now = performance.now();
    if (withLarge) log(`  seed step ${label}: ${((now - last) / 1000).toFixed(1)} s`);
    last = now;
  };
  const pool = await connectionPool(url, seedConnections());
  try {
    const c = pool.first;
    const indexes = await dropBulkIndexes(c);
    const seed = await seedBulk(c, shape, pool.run);
    step(`rows (${seedConnections()} connections)`);
    const large = withLarge ? await seedLargeIncident(c, shape.incidentsPerTeam + 1) : undefined;
    for (const ext of extensions)
      await ext.seed?.(c, { size: withLarge ? "large" : "small", seed, large });
    if (pool.replica) {
      await c.query("SET session_replication_role = DEFAULT");
      await c.query(`INSERT INTO "TeamService" ("teamId", "service", "incidents")
        SELECT "teamId", s, count(DISTINCT id)::int FROM "Incident", unnest("services") s GROUP BY "teamId", s
        ON CONFLICT ("teamId", "service") DO UPDATE SET "incidents" = EXCLUDED."incidents"`);
      await c.query(`INSERT INTO "TeamActionCount" ("teamId", "status", "items")
        SELECT "teamId", "status", count(*)::int FROM "ActionItem" GROUP BY "teamId", "status"
        ON CONFLICT ("teamId", "status") DO UPDATE SET "items" = EXCLUDED."items"`);
      await c.query(`SELECT "hindsight_fill_search_words"()`);
    }
    step("large incident, extensions, team services");
    await pool.run(indexes.map((def) => (k) => k.query(def)));
    step(`${indexes.length} indexes`);
    // As a long-lived database is after autovacuum: statistics, visibility map (index-only
    // scans). Table by table, the largest first, side by side.
    const { rows } = await c.query<{ name: string }>(
      `SELECT quote_ident(relname) AS name FROM pg_class
       WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY pg_table_size(oid) DESC`,
    );
    await pool.run(rows.map((r) => (k) => k.query(`VACUUM (ANALYZE) ${r.name}`)));
    step("vacuum and analyze");
  } finally {
    await pool.end();
  }
  return (performance.now() - t0) / 1000;
}

async function templateState(baseUrl: string, name: string): Promise<{ seconds: number } | null> {
  const exists = await withClient(withDatabaseName(baseUrl, "postgres"), (c) =>
    c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]),
  );
  if (exists.rowCount === 0) return null;
  // The marker is written last: a template without it was interrupted mid-seed.
  const raw = await withClient(withDatabaseName(baseUrl, "postgres"), (c) =>
    c.query<{ d: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = $1`,
      [name],
    ),
  );
  const m = /^bench seed complete in ([\d.]+) s at (\S+)$/.exec(raw.rows[0]?.d ?? "");
  // Incidents are spread back from the seed time: after a week "the last year" has shifted enough to seed anew.
  if (!m || Date.now() - Date.parse(m[2]!) > MAX_TEMPLATE_AGE_MS) return null;
  return { seconds: Number(m[1]) };
}

async function copyFromTemplate(baseUrl: string, template: string, name: string) {
  // FILE_COPY: a checkpoint and a copy of the files, much faster than WAL-logging every block.
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(
        baseUrl,
        `CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY = FILE_COPY`,
      );
      return;
    } catch (error) {
      // "source database is being accessed by other users" (e.g. an autovacuum worker): retry.
      if (attempt >= 10) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/**
 * Drops templates of other seed versions (each is hundreds of MB) once they are 12 hours old:
 * several worktrees on one database server may bench different versions at the same time, and
 * one run must not drop the template another is seeding or copying.
 */
async function dropStaleTemplates(baseUrl: string, keep: string[]) {
  const { rows } = await withClient(withDatabaseName(baseUrl, "postgres"), (c) =>
    c.query<{ datname: string; d: string | null }>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname LIKE $1`,
      [`${TEMPLATE_PREFIX}%`],
    ),
  );
  for (const r of rows) {
    if (keep.includes(r.datname)) continue;
    const m = /^bench seed complete in [\d.]+ s at (\S+)$/.exec(r.d ?? "");
    if (!m || Date.now() - Date.parse(m[1]!) < STALE_TEMPLATE_MS) continue;
    await adminQuery(baseUrl, `ALTER DATABASE "${r.datname}" IS_TEMPLATE false`).catch(
      () => undefined,
    );
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  }
}

export interface TemplateOptions {
  baseUrl: string;
  smallShape: BulkShape;
  bigShape: BulkShape;
  extensions: ScaleExtension[];
  fresh: boolean;
  log: (line: string) => void;
}

export interface Templates {
  version: string;
  names: { small: string; large: string };
  /** Whether both were there already (seeded by an earlier run). */
  reused: boolean;
  seconds: { small: number; large: number };
}

/**
 * The two template databases of the current seed version, seeded when missing (or when
 * `fresh`). `npm run bench` calls this alone (BENCH_SEED_ONLY) beside the build.
 */
export async function prepareTemplates(opts: TemplateOptions): Promise<Templates> {
  const { baseUrl, smallShape, bigShape, extensions, log } = opts;
  const version = seedVersion([smallShape, bigShape]);
  const templates = {
    small: `${TEMPLATE_PREFIX}small_${version}`,
    large: `${TEMPLATE_PREFIX}large_${version}`,
  };
  await dropStaleTemplates(baseUrl, Object.values(templates));
  const seconds = { small: 0, large: 0 };
  let reused = true;
  for (const size of ["small", "large"] as const) {
    const state = opts.fresh ? null : await templateState(baseUrl, templates[size]);
    if (state) {
      seconds[size] = state.seconds;
      continue;
    }
    reused = false;
    const name = templates[size];
    // BENCH_FRESH over a finished template of the same version: a template cannot be dropped.
    await adminQuery(baseUrl, `ALTER DATABASE "${name}" IS_TEMPLATE false`).catch(() => undefined);
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
    const shape = size === "small" ? smallShape : bigShape;
    log(
      `seeding ${size === "small" ? "the 1k" : "the 100k"} database (${(shape.teams * shape.incidentsPerTeam).toLocaleString("en")} incidents, seed version ${version}) …`,
    );
    seconds[size] = await seedTemplate(
      withDatabaseName(baseUrl, name),
      shape,
      size === "large",
      extensions,
      log,
    );
    // Nobody connects to a template (autovacuum included), so copying it never waits.
    await adminQuery(
      baseUrl,
      `ALTER DATABASE "${name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`,
    );
    await adminQuery(
      baseUrl,
      `COMMENT ON DATABASE "${name}" IS 'bench seed complete in ${seconds[size].toFixed(1)} s at ${new Date().toISOString()}'`,
    );
  }
  return { version, names: templates, reused, seconds };
}

export async function prepareDatabases(
  opts: TemplateOptions & {
    stamp: string;
    /** Seeded by this run already (beside the build): report it as this run's seed. */
    preseeded?: Templates;
  },
): Promise<Prepared> {
  const { baseUrl, stamp, smallShape, bigShape } = opts;
  const prepared = await prepareTemplates(opts);
  const seededNow =
    opts.preseeded && !opts.preseeded.reused && opts.preseeded.version === prepared.version;
  const { version, names: templates } = prepared;
  const reused = prepared.reused && !seededNow;
  const seconds = seededNow ? opts.preseeded!.seconds : prepared.seconds;
  const names = {
    small: `hindsight_bench_scale_small_${stamp}`,
    large: `hindsight_bench_scale_large_${stamp}`,
  };
  const urls = {
    small: withDatabaseName(baseUrl, names.small),
    large: withDatabaseName(baseUrl, names.large),
  };
  const t0 = performance.now();
  for (const size of ["small", "large"] as const)
    await copyFromTemplate(baseUrl, templates[size], names[size]);
  const copySeconds = (performance.now() - t0) / 1000;
  // Sessions were made to last a day from the seed: renewed for this run.
  const renew = (c: pg.Client) =>
    c.query(`UPDATE "Session" SET expires = now() + interval '1 day'`);
  const small = await withClient(
    urls.small,
    async (c) => (await renew(c), readBulkSeed(c, smallShape)),
  );
  const big = await withClient(
    urls.large,
    async (c) => (await renew(c), readBulkSeed(c, bigShape)),
  );
  // The raw share token is never stored: every run makes its own link.
  const large = await withClient(urls.large, (c) => shareLargeIncident(c));
  return {
    urls,
    names,
    small,
    big,
    large,
    origin: {
      reused,
      version,
      seedSeconds: seconds.large,
      smallSeedSeconds: seconds.small,
      copySeconds,
    },
  };
}

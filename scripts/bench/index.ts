// `npm run bench`: runs every scripts/bench/*.bench.ts in turn (each prints its own figures).
// Pass names to run some: `npm run bench -- whys`. Prints each phase's wall time at the end
// (prisma generate, the build, the scale seed beside it, each bench file, the total).
//
// The scale bench's seed (100,000 incidents, minutes when its seed version is new) runs beside
// `next build`, which leaves a core idle for much of its time; nothing is measured meanwhile.
// The scale bench runs last, so its table (appended to docs/benchmarks.md) can state the wall
// time of the whole run.
import { spawn, type SpawnOptions } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const SCALE = "scale.bench.ts";
const benches = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort((a, b) => Number(a === SCALE) - Number(b === SCALE) || a.localeCompare(b));
if (benches.length === 0) {
  console.log("No benchmarks matched.");
  process.exit(1);
}
const startedAt = Date.now();
const phases: { label: string; seconds: number; ok: boolean }[] = [];
const minutes = (s: number) =>
  `${Math.floor(s / 60)} min ${(s % 60).toFixed(0).padStart(2, "0")} s`;

interface Exit {
  status: number | null;
  output: string;
}
/** A child process; its output is kept (to show when it fails) unless it goes to the terminal. */
function run(args: string[], options: SpawnOptions): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, options);
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", (error) => resolve({ status: 1, output: String(error) }));
    child.on("close", (status) => resolve({ status, output }));
  });
}
async function timed(label: string, work: Promise<Exit>): Promise<Exit> {
  const t0 = performance.now();
  const result = await work;
  const seconds = (performance.now() - t0) / 1000;
  phases.push({ label, seconds, ok: result.status === 0 });
  console.log(`[bench] ${label}: ${minutes(seconds)}${result.status === 0 ? "" : " (FAILED)"}`);
  return result;
}

const root = path.resolve(dir, "../..");
const distDir = process.env.BENCH_DIST_DIR ?? ".next-bench";
const env: NodeJS.ProcessEnv = {
  ...process.env,
  BENCH_DIST_DIR: distDir,
  NEXT_DIST_DIR: distDir,
  NEXT_TELEMETRY_DISABLED: "1",
  BENCH_STARTED_AT: String(startedAt),
};
const benchArgs = (file: string) => ["--import", "tsx", path.join(dir, file)];
const scratch = mkdtempSync(path.join(tmpdir(), "hindsight-bench-"));
const seedReport = path.join(scratch, "seed.json");
let preseeded = false;

if (process.env.BENCH_SKIP_BUILD !== "1") {
  // The generated Prisma client must follow prisma/schema.prisma (a checkout whose client was
  // copied from an older tree fails the build's typecheck otherwise): seconds.
  const generate = await timed(
    "prisma generate",
    run([path.join(root, "scripts/db/generate.mjs")], { cwd: root, env }),
  );
  if (generate.status !== 0) {
    console.error(`prisma generate failed:\n${generate.output}`);
    process.exit(1);
  }
  console.log(`Building the app into ${distDir} …`);
  // next build adds its dist dir's types to tsconfig.json; a benchmark must leave the tree clean.
  const tsconfig = readFileSync(path.join(root, "tsconfig.json"), "utf8");
  const build = timed(
    "next build",
    run([path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, env }),
  );
  const seed = benches.includes(SCALE)
    ? timed(
        "scale seed (beside the build)",
        run(benchArgs(SCALE), {
          stdio: "inherit",
          env: { ...env, BENCH_SEED_ONLY: "1", BENCH_SEED_REPORT: seedReport },
        }),
      )
    : null;
  const [built, seeded] = await Promise.all([build, seed]);
  writeFileSync(path.join(root, "tsconfig.json"), tsconfig);
  if (built.status !== 0) {
    // The build's own words are the only clue to why it failed: show their end.
    console.error(`next build failed (exit ${built.status}); its last lines:`);
    console.error(built.output.trim().split("\n").slice(-60).join("\n"));
    process.exit(1);
  }
  // A failed seed is not fatal: the scale bench then seeds itself.
  preseeded = seeded?.status === 0;
}
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    BENCH_SKIP_BUILD: "1",
    BENCH_PHASES: JSON.stringify(phases.map(({ label, seconds }) => ({ label, seconds }))),
  };
  if (file === SCALE && preseeded) {
    // Seeded a moment ago (BENCH_FRESH applied there): copy those templates, report that seed.
    delete childEnv.BENCH_FRESH;
    childEnv.BENCH_PRESEEDED = readFileSync(seedReport, "utf8");
  }
  const result = await timed(file, run(benchArgs(file), { stdio: "inherit", env: childEnv }));
  if (result.status !== 0) failed += 1;
}
rmSync(scratch, { recursive: true, force: true });
const total = (Date.now() - startedAt) / 1000;
console.log("\nWall time by phase:");
for (const p of phases)
  console.log(
    `  ${p.label.padEnd(30)} ${minutes(p.seconds).padStart(12)}${p.ok ? "" : "  FAILED"}`,
  );
console.log(`  ${"total".padEnd(30)} ${minutes(total).padStart(12)}`);
process.exit(failed ? 1 : 0);

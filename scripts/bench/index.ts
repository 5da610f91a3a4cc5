// `npm run bench`: runs every scripts/bench/*.bench.ts in turn (each prints its own figures).
// Pass names to run some: `npm run bench -- whys`. Prints each phase's wall time at the end
// (the build, each bench file, the total; the scale bench prints its own seed/reuse phase).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
if (benches.length === 0) {
  console.log("No benchmarks matched.");
  process.exit(1);
}
const started = performance.now();
const phases: { label: string; seconds: number; ok: boolean }[] = [];
const minutes = (s: number) => `${Math.floor(s / 60)} min ${(s % 60).toFixed(0).padStart(2, "0")} s`;
function timed<T extends { status: number | null }>(label: string, run: () => T): T {
  const t0 = performance.now();
  const result = run();
  const seconds = (performance.now() - t0) / 1000;
  phases.push({ label, seconds, ok: result.status === 0 });
  console.log(`[bench] ${label}: ${minutes(seconds)}${result.status === 0 ? "" : " (FAILED)"}`);
  return result;
}
// One fresh production build for every benchmark, so figures always describe the current code.
const root = path.resolve(dir, "../..");
const distDir = process.env.BENCH_DIST_DIR ?? ".next-bench";
const env = {
  ...process.env,
  BENCH_DIST_DIR: distDir,
  NEXT_DIST_DIR: distDir,
  NEXT_TELEMETRY_DISABLED: "1",
};
if (process.env.BENCH_SKIP_BUILD !== "1") {
  // The generated Prisma client must follow prisma/schema.prisma (a checkout whose client was
  // copied from an older tree fails the build's typecheck otherwise): seconds.
  const generate = timed("prisma generate", () =>
    spawnSync(process.execPath, [path.join(root, "scripts/db/generate.mjs")], {
      cwd: root,
      stdio: "ignore",
      env,
    }),
  );
  if (generate.status !== 0) {
    console.error("prisma generate failed: run `npm run db:generate` to see why");
    process.exit(1);
  }
  console.log(`Building the app into ${distDir} …`);
  // next build adds its dist dir's types to tsconfig.json; a benchmark must leave the tree clean.
  const tsconfig = readFileSync(path.join(root, "tsconfig.json"), "utf8");
  const build = timed("next build", () =>
    spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env,
    }),
  );
  writeFileSync(path.join(root, "tsconfig.json"), tsconfig);
  if (build.status !== 0) {
    // The build's own words are the only clue to why it failed: show their end.
    const output = `${build.stdout ?? ""}${build.stderr ?? ""}`.trim().split("\n");
    console.error(`next build failed (exit ${build.status}); its last lines:`);
    console.error(output.slice(-60).join("\n"));
    process.exit(1);
  }
}
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const result = timed(file, () =>
    spawnSync(process.execPath, ["--import", "tsx", path.join(dir, file)], {
      stdio: "inherit",
      env: { ...env, BENCH_SKIP_BUILD: "1" },
    }),
  );
  if (result.status !== 0) failed += 1;
}
const total = (performance.now() - started) / 1000;
console.log("\nWall time by phase:");
for (const p of phases)
  console.log(`  ${p.label.padEnd(24)} ${minutes(p.seconds).padStart(12)}${p.ok ? "" : "  FAILED"}`);
console.log(`  ${"total".padEnd(24)} ${minutes(total).padStart(12)}`);
process.exit(failed ? 1 : 0);

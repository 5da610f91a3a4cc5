// `npm run bench`: runs every scripts/bench/*.bench.ts in turn (each prints its own figures).
// Pass names to run some: `npm run bench -- whys`.
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
  console.log(`Building the app into ${distDir} …`);
  // next build adds its dist dir's types to tsconfig.json; a benchmark must leave the tree clean.
  const tsconfig = readFileSync(path.join(root, "tsconfig.json"), "utf8");
  const build = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "build"],
    { cwd: root, stdio: "ignore", env },
  );
  writeFileSync(path.join(root, "tsconfig.json"), tsconfig);
  if (build.status !== 0) {
    console.error("next build failed");
    process.exit(1);
  }
}
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, file)], {
    stdio: "inherit",
    env: { ...env, BENCH_SKIP_BUILD: "1" },
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);

// `npm test`: every check a change must pass, in order, with the time each took.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

const allSteps: { key: string; name: string; args: string[]; env?: Record<string, string> }[] = [
  { key: "lint", name: "lint", args: ["run", "lint"] },
  { key: "typecheck", name: "typecheck", args: ["run", "typecheck"] },
  { key: "unit", name: "unit tests", args: ["run", "test:unit"] },
  { key: "integration", name: "integration tests", args: ["run", "test:integration"] },
  // Standalone output as well (the container's `node server.js`): e2e/faults.spec.ts runs two
  // instances of it; `next start` serves the same build for the other specs.
  {
    key: "build",
    name: "production build",
    args: ["run", "build"],
    env: { BUILD_STANDALONE: "1" },
  },
  { key: "e2e", name: "e2e tests (Playwright, Chromium)", args: ["run", "test:e2e"] },
];
// `--without-e2e` (etc.) leaves steps out; .ci/run uses it for the second Node version.
const without = new Set(
  process.argv
    .slice(2)
    .flatMap((a) => (a.startsWith("--without-") ? [a.slice("--without-".length)] : [])),
);
const steps = allSteps.filter((s) => !without.has(s.key));
console.log(`Node ${process.version}`);

const results: { name: string; ok: boolean; seconds: number }[] = [];
const all = Date.now();
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  const result = spawnSync(npm, step.args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...step.env },
  });
  const ok = result.status === 0;
  results.push({ name: step.name, ok, seconds: (Date.now() - started) / 1000 });
  if (!ok) break; // later steps depend on earlier ones (e2e needs the build)
}

console.log("\n=== summary ===");
for (const r of results)
  console.log(`${r.ok ? "PASS" : "FAIL"}  ${r.name.padEnd(34)} ${r.seconds.toFixed(1)} s`);
for (const s of steps.slice(results.length)) console.log(`SKIP  ${s.name}`);
console.log(`total ${((Date.now() - all) / 1000).toFixed(1)} s`);
process.exit(results.every((r) => r.ok) && results.length === steps.length ? 0 : 1);

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { APP_VARIABLES, INTERNAL_VARIABLES, LAUNCHER_VARIABLES, parseEnv } from "./env";

const base = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/db",
  AUTH_SECRET: "0123456789abcdef0123",
};

describe("parseEnv", () => {
  it("refuses production without APP_URL, naming the variable", () => {
    const result = parseEnv({ ...base, NODE_ENV: "production" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/APP_URL: set APP_URL to the public address/);
  });

  it("defaults APP_URL to localhost outside production only", () => {
    const result = parseEnv({ ...base, NODE_ENV: "development" });
    expect(result.ok && result.env.APP_URL).toBe("http://localhost:3000");
  });

  it.each([
    ["ftp://hindsight.example.com", /http:\/\/ or https:\/\//],
    ["https://hindsight.example.com/app", /without a path/],
    ["hindsight.example.com", /full URL/],
  ])("refuses APP_URL=%s", (APP_URL, message) => {
    const result = parseEnv({ ...base, NODE_ENV: "production", APP_URL });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it("keeps the origin of a valid APP_URL", () => {
    const result = parseEnv({
      ...base,
      NODE_ENV: "production",
      APP_URL: "https://Hindsight.example.com/",
    });
    expect(result.ok && result.env.APP_URL).toBe("https://hindsight.example.com");
  });
});

// Configuration in one place (issue 9): the README's table documents exactly the variables
// lib/env.ts reads plus the launchers' own, and shows each schema default as it is.
describe("the README's configuration table", () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, "../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Configuration"));
  const table = section.slice(0, section.indexOf("\n## "));
  const rows = table.split("\n").filter((l) => /^\| `/.test(l));
  const documented = new Map<string, string>();
  for (const row of rows) {
    const [names, dflt] = row.split(" | ");
    for (const m of names.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) documented.set(m[1], dflt);
  }

  it("lists every variable the app reads through env(), and the launchers' own", () => {
    const wanted = [...APP_VARIABLES, ...Object.keys(LAUNCHER_VARIABLES)].filter(
      (v) => !(v in INTERNAL_VARIABLES),
    );
    expect(wanted.filter((v) => !documented.has(v))).toEqual([]);
  });

  it("lists nothing the code does not read", () => {
    const known = new Set([...APP_VARIABLES, ...Object.keys(LAUNCHER_VARIABLES)]);
    expect([...documented.keys()].filter((v) => !known.has(v))).toEqual([]);
  });

  it("shows each default the schema applies", () => {
    const defaults = parseEnv(base);
    expect(defaults.ok).toBe(true);
    if (!defaults.ok) return;
    const wrong: string[] = [];
    for (const name of APP_VARIABLES) {
      const value = (defaults.env as Record<string, unknown>)[name];
      if (value === undefined || name in base || name === "APP_URL") continue;
      const shown = String(typeof value === "boolean" ? (value ? "1" : "0") : value);
      if (!documented.get(name)?.includes(shown))
        wrong.push(`${name}: README should show ${shown}`);
    }
    expect(wrong).toEqual([]);
  });

  it("is read from the README (the parse found the table)", () => {
    expect(documented.get("WORKER_CONCURRENCY")).toBe("`4`");
    expect(documented.size).toBeGreaterThan(25);
  });
});

describe("runtime code reads variables through env()", () => {
  // Next's and Node's own, the Edge proxy (which cannot load env()), and readers that run
  // before or beside the app: each named here on purpose.
  const ALLOWED = new Set([
    "NODE_ENV",
    "NEXT_RUNTIME",
    "NEXT_PHASE",
    "AUTH_URL",
    // The build's output directory, set by the test and bench harnesses for a second build.
    "NEXT_DIST_DIR",
    // The fuzz tests' run count and seed (test support under lib/security/fuzz).
    "FUZZ_RUNS",
    "FUZZ_SEED",
  ]);
  const ALLOWED_FILES = new Set([
    "lib/env.ts",
    "lib/net/client-address.ts",
    "lib/db/embedded.ts",
    // Also bundled for the browser (components/reports/frozen-report.tsx); env.ts validates it.
    "lib/reports/html-cache.ts",
  ]);
  const root = path.resolve(import.meta.dirname, "..");
  const files = (dir: string): string[] =>
    readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.name === "generated"
        ? []
        : e.isDirectory()
          ? files(path.join(dir, e.name))
          : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
            ? [path.join(dir, e.name)]
            : [],
    );

  it("no module under lib/, app/ or components/ reads process.env.X for an app variable", () => {
    const found: string[] = [];
    for (const rel of ["lib", "app", "components"].flatMap(files)) {
      if (ALLOWED_FILES.has(rel)) continue;
      const text = readFileSync(path.join(root, rel), "utf8");
      for (const m of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g))
        if (!ALLOWED.has(m[1])) found.push(`${rel}: ${m[1]}`);
    }
    expect(found).toEqual([]);
  });
});

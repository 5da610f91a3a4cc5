// Hostile values for property-based tests (fast-check): what a browser, a script or an attacker
// can send to a form, an action or an endpoint. Shared by the schema, parser and write fuzzers.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { z } from "zod";

/** Runs per property: enough to find shape bugs, few enough that the unit suite stays fast (FUZZ_RUNS=5000 digs deeper). */
export const RUNS = Number(process.env.FUZZ_RUNS) || 150;

/**
 * The seed of every property. Fixed by default, so a CI run cannot fail on an input no earlier
 * run tried (that happened once: an object with its own `toString` key); FUZZ_SEED=random
 * explores new inputs, and a failure prints the seed that replays it (FUZZ_SEED=<that number>).
 */
const seedSetting = process.env.FUZZ_SEED ?? "20261203";
if (seedSetting !== "random") {
  const seed = Number(seedSetting);
  if (!Number.isInteger(seed)) throw new Error("FUZZ_SEED must be an integer or random");
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}

/** Per-test timeout of a property: long inputs on a loaded 2-core CI machine are slow, not stuck. */
export const PROPERTY_TIMEOUT = 60_000;

/** The committed XSS corpus (lib/security/fixtures/xss-payloads.txt), one payload a line. */
export function xssPayloads(): string[] {
  const file = path.join(process.cwd(), "lib/security/fixtures/xss-payloads.txt");
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"));
}

const SPECIAL_STRINGS = [
  "",
  " ",
  "\t\n",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF",
  "\u202E",
  "\uFEFF",
  "💥",
  "👩‍👩‍👧",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e400",
  "9".repeat(30),
  "true",
  "on",
  "[object Object]",
  "__proto__",
  "constructor",
  "toString",
  "2026-02-30",
  "2026-13-01T25:61",
  "0000-01-01T00:00",
  "275761-01-01T00:00:00Z",
  "2026-01-10T14:02:00+99:99",
  "-010000-01-01T00:00:00Z",
  "+275760-09-13T00:00:00Z",
  "0001-01-01T00:00:00Z",
  "1969-12-31T23:59:59Z",
  "10000-01-01T00:00:00Z",
  "1",
  "SEV1",
  "sev9",
  "INC-0",
  "../../etc/passwd",
  "' OR 1=1 --",
  "%00",
  "%2F%2Fevil.example",
  "javascript:alert(1)",
  "http://",
  "https://x",
  "mailto:a@b",
  "a".repeat(201),
  "x".repeat(5_001),
  "<".repeat(2000),
  ">".repeat(6000),
  "*_~".repeat(3000),
  "- ".repeat(500),
  "\n".repeat(3000),
];

/** Strings of every sort: random text (all of Unicode), known-bad values, XSS, long runs. */
export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...xssPayloads()) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom("a", " ", "<", "*", ">", "é", "\u0000"),
          fc.integer({ min: 0, max: 25_000 }),
        )
        .map(([c, n]) => c.repeat(n)),
    },
  );
}

/** Dates and times at and beyond the edges: what Date.parse and `new Date(n)` accept but a database may not. */
export function hostileDate(): fc.Arbitrary<string | number> {
  return fc.oneof(
    fc.constantFrom(
      "-010000-01-01T00:00:00Z",
      "+275760-09-13T00:00:00Z",
      "0001-01-01T00:00:00Z",
      "0099-12-31T23:59:59Z",
      "1969-12-31T23:59:59Z",
      "10000-01-01T00:00:00Z",
      "1",
      "2026",
      "Dec 25",
      "2026-02-30T10:00:00Z",
      "2026-01-10T14:02:00+14:00",
      "2026-01-10T14:02",
    ),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom(1e300, -1e13, 8.64e12, 8.64e15, 1.7e9, 0, -1),
  );
}

/** Any value a JSON body, a FormData or a direct action call can carry, plus a few JS oddities. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: hostileString() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        null,
        undefined,
        true,
        false,
        0,
        -0,
        -1,
        1.5,
        NaN,
        Infinity,
        -Infinity,
        2 ** 53,
        1e21,
        -1e13,
        8.64e12,
        [],
        {},
      ),
    },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: hostileDate() },
    { weight: 1, arbitrary: fc.array(hostileStringOrNumber(), { maxLength: 5 }) },
    {
      weight: 1,
      arbitrary: fc.anything({
        maxDepth: 2,
        withNullPrototype: true,
        withBigInt: true,
        withDate: true,
        withMap: true,
        withSet: true,
      }),
    },
  );
}

function hostileStringOrNumber(): fc.Arbitrary<unknown> {
  return fc.oneof(hostileString(), fc.integer(), fc.constant(null));
}

/** A valid example with one field (at any depth) replaced by a hostile value, or a field removed, or an unknown field added. */
export function mutated(valid: unknown): fc.Arbitrary<unknown> {
  const paths = leafPaths(valid);
  if (!paths.length) return hostileValue();
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...paths), hostileValue())
        .map(([p, v]) => setAt(valid, p, v)),
    },
    { weight: 1, arbitrary: fc.constantFrom(...paths).map((p) => setAt(valid, p, REMOVE)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom("__proto__", "constructor", "extra", "id", "teamId", "version"),
          hostileValue(),
        )
        .map(([k, v]) => withExtra(valid, k, v)),
    },
  );
}

const REMOVE = Symbol("remove");
type Path = (string | number)[];

function leafPaths(v: unknown, prefix: Path = [], depth = 0): Path[] {
  if (depth > 6 || v === null || typeof v !== "object" || v instanceof Date)
    return prefix.length ? [prefix] : [];
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
  const out: Path[] = prefix.length ? [prefix] : [];
  for (const [k, x] of entries) out.push(...leafPaths(x, [...prefix, k], depth + 1));
  return out;
}

function setAt(v: unknown, p: Path, value: unknown): unknown {
  if (!p.length) return value;
  const [head, ...rest] = p;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<
    string | number,
    unknown
  >;
  const next = setAt((v as Record<string | number, unknown>)[head], rest, value);
  if (next === REMOVE) {
    if (Array.isArray(copy)) (copy as unknown[]).splice(Number(head), 1);
    else delete copy[head];
  } else copy[head] = next;
  return copy;
}

function withExtra(v: unknown, key: string, value: unknown): unknown {
  if (!v || typeof v !== "object" || Array.isArray(v)) return v;
  const copy: Record<string, unknown> = { ...(v as object) };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/**
 * What every refusal must be: a ZodError whose issues each carry a human message and, when the
 * input is an object, the field it is about (the form shows it beside that field).
 */
export function refusalProblems(
  error: z.ZodError,
  input: unknown,
  allowFormLevel = false,
): string[] {
  const problems: string[] = [];
  const inputText = safeText(input);
  if (!error.issues.length) problems.push("a refusal without any issue");
  const isRecord =
    input !== null &&
    typeof input === "object" &&
    !Array.isArray(input) &&
    !(input instanceof Date) &&
    !(input instanceof Map) &&
    !(input instanceof Set);
  for (const issue of error.issues) {
    if (typeof issue.message !== "string" || !issue.message.trim())
      problems.push(`issue without a message at ${issue.path.join(".")}`);
    // "[object Object]" in a message means a value was stringified by mistake (unless the input said it).
    else if (/\[object /.test(issue.message) && !inputText.includes("[object "))
      problems.push(`unclear message "${issue.message}"`);
    if (
      !Array.isArray(issue.path) ||
      issue.path.some((k) => typeof k !== "string" && typeof k !== "number")
    )
      problems.push("issue path is not a list of keys");
    // A strict body's unknown keys are named in the issue itself (`keys`), not in its path.
    const named =
      issue.path.length > 0 || (issue.code === "unrecognized_keys" && issue.keys.length > 0);
    if (isRecord && !allowFormLevel && !named)
      problems.push(`form-level issue "${issue.message}" names no field`);
  }
  return problems;
}

function safeText(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return "";
  }
}

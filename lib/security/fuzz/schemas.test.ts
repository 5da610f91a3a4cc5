// Property-based tests for every exported zod schema in lib/ (issue 14, "hostile input"). For any
// input a form, a client call or an API body can carry: parsing never throws anything but a
// ZodError (a TypeError or RangeError from a transform would be a 500), and every refusal names
// the field and says what is wrong. Schemas are discovered from the modules' exports, so a new
// schema without an entry in schema-cases.ts fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { hostileValue, mutated, PROPERTY_TIMEOUT, refusalProblems, RUNS } from "./hostile";
import { SCHEMA_CASES } from "./schema-cases";

const LIB = path.join(process.cwd(), "lib");

/** Modules under lib/ that import zod ("use server" files can only export actions, never a schema). */
function zodModules(): string[] {
  return (readdirSync(LIB, { recursive: true }) as string[])
    .filter(
      (f) =>
        f.endsWith(".ts") &&
        !f.endsWith(".test.ts") &&
        !f.startsWith("generated") &&
        !f.startsWith(`security${path.sep}fuzz`),
    )
    .filter((f) => {
      const src = readFileSync(path.join(LIB, f), "utf8");
      return /from "zod"/.test(src) && !/^\s*["']use server["']/.test(src);
    })
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

/** Every exported zod schema, "file#export". Modules that need Next's runtime are read as text. */
async function discover(): Promise<{ schemas: Map<string, z.ZodType>; unloadable: string[] }> {
  const schemas = new Map<string, z.ZodType>();
  const unloadable: string[] = [];
  for (const file of zodModules()) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(/* @vite-ignore */ path.join(LIB, file))) as Record<string, unknown>;
    } catch {
      unloadable.push(file);
      continue;
    }
    for (const [name, value] of Object.entries(mod))
      if (value instanceof z.ZodType) schemas.set(`${file}#${name}`, value);
  }
  return { schemas, unloadable };
}

const found = await discover();

/** safeParse, turning anything thrown into a test failure that says what was thrown. */
function parseOrCrash(schema: z.ZodType, input: unknown) {
  try {
    return schema.safeParse(input);
  } catch (error) {
    throw new Error(`threw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`, {
      cause: error,
    });
  }
}

describe("schema discovery", () => {
  it("finds the schemas of every lib module that imports zod", () => {
    expect(found.schemas.size).toBeGreaterThan(60);
  });

  it("every exported schema has a property-test case, and every case a schema", () => {
    expect([...found.schemas.keys()].filter((k) => !SCHEMA_CASES[k])).toEqual([]);
    expect(Object.keys(SCHEMA_CASES).filter((k) => !found.schemas.has(k))).toEqual([]);
  });

  it("modules that cannot load outside Next export no schema (checked in their source)", () => {
    const exporting = found.unloadable.filter((f) =>
      /export\s+const\s+\w+\s*=\s*z\s*\./.test(readFileSync(path.join(LIB, f), "utf8")),
    );
    expect(exporting).toEqual([]);
  });
});

describe.each([...found.schemas.keys()].filter((k) => SCHEMA_CASES[k]))("%s", (key) => {
  const schema = found.schemas.get(key)!;
  const c = SCHEMA_CASES[key];
  const isForm = c.valid !== null && typeof c.valid === "object" && !Array.isArray(c.valid);

  it("accepts its valid example", () => {
    const r = parseOrCrash(schema, c.valid);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it(
    "never crashes on any value, and refuses with a message per field",
    () => {
      fc.assert(
        fc.property(fc.oneof(hostileValue(), mutated(c.valid)), (input) => {
          const r = parseOrCrash(schema, input);
          if (r.success) return;
          if (
            c.tolerant &&
            isForm &&
            typeof input === "object" &&
            input !== null &&
            !Array.isArray(input) &&
            Object.values(input).every((v) => typeof v === "string")
          ) {
            throw new Error(
              `a tolerant schema refused a record of strings: ${r.error.issues[0].message}`,
            );
          }
          if (c.response) return;
          expect(refusalProblems(r.error, input, !isForm || c.formLevel)).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it.runIf(isForm && !c.response)(
    "a hostile value in one field is accepted or refused with field messages",
    () => {
      fc.assert(
        fc.property(mutated(c.valid), (input) => {
          const r = parseOrCrash(schema, input);
          if (r.success) return;
          expect(refusalProblems(r.error, input, c.formLevel)).toEqual([]);
          // parse() throws exactly the same ZodError safeParse reported: what defineAction maps.
          expect(() => schema.parse(input)).toThrow(z.ZodError);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

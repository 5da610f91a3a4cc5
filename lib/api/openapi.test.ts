import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { buildOpenApi } from "./openapi";

const doc = buildOpenApi("http://localhost:3000/api/v1");

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("documents request bodies from the validating zod schemas (fields, enums, limits)", () => {
    const create = (
      doc.components as {
        schemas: Record<
          string,
          {
            properties: Record<string, { maxLength?: number; enum?: string[] }>;
            required: string[];
          }
        >;
      }
    ).schemas.IncidentCreate!;
    expect(create.required.sort()).toEqual(["severity", "startedAt", "title"]);
    expect(create.properties.title!.maxLength).toBe(200);
    expect(create.properties.severity!.enum).toEqual(["SEV1", "SEV2", "SEV3", "SEV4"]);
  });

  it("has a route handler exporting every documented method", () => {
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    const missing: string[] = [];
    for (const [p, ops] of Object.entries(paths)) {
      const file = path.join(
        process.cwd(),
        "app/api/v1",
        p.replace(/\{(\w+)\}/g, "[$1]"),
        "route.ts",
      );
      const source = existsSync(file) ? readFileSync(file, "utf8") : "";
      for (const method of Object.keys(ops))
        if (!new RegExp(`export const ${method.toUpperCase()}\\b`).test(source))
          missing.push(`${method} ${p}`);
    }
    expect(missing).toEqual([]);
    expect(Object.values(paths).flatMap((o) => Object.keys(o))).toHaveLength(10);
  });
});

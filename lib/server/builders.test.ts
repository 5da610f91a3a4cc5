// Every server action and route handler is built on the rails (issue 9): a "use server" file
// exports only `defineAction(...)` results, and a route.ts exports its HTTP methods only as
// `defineRoute(...)` results. Checked on the source (importing every server module would need
// Next's runtime), so a new endpoint written by hand fails here, and in CI. The walk and the
// check live in test/endpoints.ts, shared with the authorization matrix.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkSource,
  discoverEndpoints,
  inlineServerFunctions,
  isUseServerFile,
  parse,
  ROOT,
} from "@/test/endpoints";

// Walked and parsed once, while the suite is collected (no test timeout applies there).
const { files, actionFiles, routeFiles } = discoverEndpoints();
const sources = new Map(files.map((f) => [f, parse(f, readFileSync(f, "utf8"))]));

describe("every endpoint is built on the rails", () => {
  it.each(actionFiles.map((f) => [path.relative(ROOT, f), f]))(
    "%s exports only defineAction results",
    (_rel, file) => {
      const { exports, problems } = checkSource(file, readFileSync(file, "utf8"), "action");
      expect(problems).toEqual([]);
      expect(exports.length).toBeGreaterThan(0);
    },
  );

  it.each(routeFiles.map((f) => [path.relative(ROOT, f), f]))(
    "%s exports only defineRoute handlers",
    (_rel, file) => {
      const { exports, problems } = checkSource(file, readFileSync(file, "utf8"), "route");
      expect(problems).toEqual([]);
      expect(exports.length).toBeGreaterThan(0);
    },
  );

  it("has no inline server actions (they would bypass the builder)", () => {
    const inline = files.flatMap((f) =>
      inlineServerFunctions(sources.get(f)!).map((where) => `${path.relative(ROOT, f)} ${where}`),
    );
    expect(inline).toEqual([]);
  });

  it("finds the server actions and route handlers of the tree", () => {
    const actions = actionFiles.flatMap(
      (f) => checkSource(f, readFileSync(f, "utf8"), "action").exports,
    );
    const handlers = routeFiles.flatMap(
      (f) => checkSource(f, readFileSync(f, "utf8"), "route").exports,
    );
    // Printed for the figures; the floor only guards against the walk finding nothing.
    console.info(
      `server actions: ${actions.length} in ${actionFiles.length} files; route handlers: ${handlers.length} in ${routeFiles.length} files`,
    );
    expect(actions.length).toBeGreaterThanOrEqual(40);
    expect(handlers.length).toBeGreaterThanOrEqual(5);
  });
});

describe("the check itself", () => {
  it("flags hand-written actions, re-exports and destructured handlers", () => {
    const action = `"use server";\nimport { defineAction } from "x";\nexport const ok = defineAction({});\nexport async function bad() {}\nexport const alsoBad = async () => {};\nexport { thing } from "y";`;
    expect(checkSource("a.ts", action, "action").problems).toEqual([
      "bad: not built with defineAction()",
      "alsoBad: not built with defineAction()",
      "thing: not built with defineAction()",
    ]);
    const route = `export const dynamic = "force-dynamic";\nexport const { GET, POST } = handlers;\nexport async function PUT() {}\nexport const DELETE = defineRoute({});\nexport const helper = 1;`;
    expect(checkSource("route.ts", route, "route").problems).toEqual([
      "GET: not built with defineRoute()",
      "POST: not built with defineRoute()",
      "PUT: not built with defineRoute()",
      "helper: a route file exports only HTTP methods and segment config",
    ]);
  });

  it("accepts a local factory that returns the builder's result (whyAction)", () => {
    const src = `"use server";\nfunction whyAction(s) { return defineAction({ input: s }); }\nexport const a = whyAction(x);\nfunction sloppy(s) { if (s) return defineAction({}); return async () => {}; }\nexport const b = sloppy(y);`;
    expect(checkSource("w.ts", src, "action").problems).toEqual([
      "b: not built with defineAction()",
    ]);
  });

  it("follows a handler imported from a project module, through a factory", () => {
    const modules: Record<string, string> = {
      [path.join(ROOT, "lib/api/route.ts")]:
        `export function apiRoute(def) { return defineRoute({ access: "verified", handler: def.handler }); }`,
      [path.join(ROOT, "lib/api/v1.ts")]:
        `import { apiRoute } from "./route";\nexport const listRoute = apiRoute({});\nexport const rawRoute = async () => new Response();`,
    };
    const read = (f: string) => modules[f] ?? null;
    const route = `import { listRoute, rawRoute } from "@/lib/api/v1";\nexport const GET = listRoute;\nexport const POST = rawRoute;`;
    expect(checkSource(path.join(ROOT, "app/x/route.ts"), route, "route", read).problems).toEqual([
      "POST: not built with defineRoute()",
    ]);
  });

  it("finds an inline server action in a page", () => {
    const page = `export default function Page() {\n  async function save(fd) {\n    "use server";\n  }\n  return null;\n}`;
    expect(inlineServerFunctions(parse("page.tsx", page))).toEqual(["line 2"]);
  });

  it("recognises the directive only at the top of a file", () => {
    expect(isUseServerFile(parse("a.ts", `"use server";\nexport const a = 1;`))).toBe(true);
    expect(isUseServerFile(parse("a.ts", `// comment first\n'use server';`))).toBe(true);
    expect(isUseServerFile(parse("a.ts", `import x from "y";\n"use server";`))).toBe(false);
  });
});

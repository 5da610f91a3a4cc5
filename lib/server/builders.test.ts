// Every server action and route handler is built on the rails (issue 9): a "use server" file
// exports only `defineAction(...)` results, and a route.ts exports its HTTP methods only as
// `defineRoute(...)` results. Checked on the source (importing every server module would need
// Next's runtime), so a new endpoint written by hand fails here, and in CI.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SKIP = new Set(["node_modules", "generated", "e2e", "test-results", "playwright-report"]);
const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** Next's route segment config: plain values, not handlers. */
const ROUTE_CONFIG = new Set([
  "dynamic",
  "dynamicParams",
  "revalidate",
  "fetchCache",
  "runtime",
  "preferredRegion",
  "maxDuration",
]);

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

function parse(fileName: string, text: string) {
  return ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}

export function isUseServerFile(sf: ts.SourceFile): boolean {
  const first = sf.statements[0];
  return (
    !!first &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === "use server"
  );
}

const isExported = (node: ts.Node) =>
  ts.canHaveModifiers(node) &&
  !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/**
 * Whether an expression is provably a builder result: a call to the builder, a call to a
 * factory whose every `return` is one (whyAction, apiRoute), or a name bound to such a value,
 * following imports into the project's own modules (`export const GET = listIncidentsRoute`).
 */
class Resolver {
  private cache = new Map<string, ts.SourceFile | null>();
  constructor(
    private builder: string,
    private read: (file: string) => string | null,
  ) {}

  source(file: string): ts.SourceFile | null {
    if (!this.cache.has(file)) {
      const text = this.read(file);
      this.cache.set(file, text === null ? null : parse(file, text));
    }
    return this.cache.get(file)!;
  }

  private resolveModule(from: string, spec: string): string | null {
    const base = spec.startsWith("@/")
      ? path.join(ROOT, spec.slice(2))
      : spec.startsWith(".")
        ? path.resolve(path.dirname(from), spec)
        : null;
    if (!base) return null;
    for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
      if (this.read(candidate) !== null) return candidate;
    return null;
  }

  /** Where a name used in `sf` is declared: a local statement, or an import followed to its module. */
  private declaration(
    sf: ts.SourceFile,
    name: string,
    depth: number,
  ): { sf: ts.SourceFile; node: ts.Node } | null {
    if (depth > 5) return null;
    for (const st of sf.statements) {
      if (ts.isFunctionDeclaration(st) && st.name?.text === name) return { sf, node: st };
      if (ts.isVariableStatement(st))
        for (const d of st.declarationList.declarations)
          if (ts.isIdentifier(d.name) && d.name.text === name) return { sf, node: d };
      if (
        ts.isImportDeclaration(st) &&
        st.importClause?.namedBindings &&
        ts.isNamedImports(st.importClause.namedBindings) &&
        ts.isStringLiteral(st.moduleSpecifier)
      ) {
        for (const el of st.importClause.namedBindings.elements) {
          if (el.name.text !== name) continue;
          const target = this.resolveModule(sf.fileName, st.moduleSpecifier.text);
          const targetSf = target ? this.source(target) : null;
          return targetSf
            ? this.declaration(targetSf, (el.propertyName ?? el.name).text, depth + 1)
            : null;
        }
      }
    }
    return null;
  }

  isBuilt(sf: ts.SourceFile, expr: ts.Expression, depth = 0): boolean {
    if (depth > 8) return false;
    if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression)) {
      const callee = expr.expression.text;
      if (callee === this.builder) return true;
      const decl = this.declaration(sf, callee, 0);
      return (
        !!decl &&
        ts.isFunctionDeclaration(decl.node) &&
        this.isFactory(decl.sf, decl.node, depth + 1)
      );
    }
    if (ts.isIdentifier(expr)) {
      const decl = this.declaration(sf, expr.text, 0);
      return (
        !!decl &&
        ts.isVariableDeclaration(decl.node) &&
        !!decl.node.initializer &&
        this.isBuilt(decl.sf, decl.node.initializer, depth + 1)
      );
    }
    return false;
  }

  private isFactory(sf: ts.SourceFile, fn: ts.FunctionDeclaration, depth: number): boolean {
    if (!fn.body) return false;
    const returns: ts.ReturnStatement[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isFunctionLike(n)) return; // returns of nested functions are theirs
      if (ts.isReturnStatement(n)) returns.push(n);
      ts.forEachChild(n, visit);
    };
    fn.body.statements.forEach(visit);
    return (
      returns.length > 0 &&
      returns.every((r) => !!r.expression && this.isBuilt(sf, r.expression, depth))
    );
  }
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/**
 * Problems in one file: each exported binding that is not built with the builder.
 * kind "action": every export; kind "route": HTTP method exports (config values allowed).
 * `read` lets the self-test supply in-memory modules.
 */
export function checkSource(
  fileName: string,
  text: string,
  kind: "action" | "route",
  read: (file: string) => string | null = readOrNull,
): { exports: string[]; problems: string[] } {
  const sf = parse(fileName, text);
  const builder = kind === "action" ? "defineAction" : "defineRoute";
  const resolver = new Resolver(builder, (f) => (f === fileName ? text : read(f)));
  const exports: string[] = [];
  const problems: string[] = [];
  const judge = (name: string, ok: boolean) => {
    if (kind === "route" && ROUTE_CONFIG.has(name)) return;
    exports.push(name);
    if (kind === "route" && !HTTP_METHODS.has(name))
      problems.push(`${name}: a route file exports only HTTP methods and segment config`);
    else if (!ok) problems.push(`${name}: not built with ${builder}()`);
  };
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && isExported(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name))
          judge(d.name.text, !!d.initializer && resolver.isBuilt(sf, d.initializer));
        else {
          // export const { GET, POST } = handlers: destructured, so not provably built.
          for (const el of d.name.elements)
            if (ts.isBindingElement(el) && ts.isIdentifier(el.name)) judge(el.name.text, false);
        }
      }
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && isExported(st)) {
      judge(st.name?.text ?? "default", false);
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly) {
      if (st.exportClause && ts.isNamedExports(st.exportClause))
        for (const el of st.exportClause.elements)
          if (!el.isTypeOnly) judge(el.name.text, false);
          else judge("*", false);
    } else if (ts.isExportAssignment(st)) {
      judge("default", false);
    }
  }
  return { exports, problems };
}

/** Functions marked "use server" inside another module (inline server actions): none allowed. */
export function inlineServerFunctions(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isFunctionLike(n) && "body" in n && n.body && ts.isBlock(n.body)) {
      const first = n.body.statements[0];
      if (
        first &&
        ts.isExpressionStatement(first) &&
        ts.isStringLiteral(first.expression) &&
        first.expression.text === "use server"
      ) {
        out.push(`line ${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const files = ["app", "lib", "components"].flatMap((d) => walk(path.join(ROOT, d)));
// Parsed once, while the suite is collected (no test timeout applies there).
const sources = new Map(files.map((f) => [f, parse(f, readFileSync(f, "utf8"))]));
const actionFiles = files.filter((f) => isUseServerFile(sources.get(f)!));
// Next only routes route.ts files under app/.
const routeFiles = files.filter(
  (f) =>
    f.startsWith(path.join(ROOT, "app") + path.sep) &&
    /^route\.(ts|tsx|js)$/.test(path.basename(f)),
);

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

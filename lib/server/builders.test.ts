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
const ROUTE_CONFIG = new Set(["dynamic", "dynamicParams", "revalidate", "fetchCache", "runtime", "preferredRegion", "maxDuration"]);

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
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

export function isUseServerFile(sf: ts.SourceFile): boolean {
  const first = sf.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server";
}

const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Names of local functions whose every `return` hands back `builder(...)` (e.g. whyAction → defineAction). */
function localFactories(sf: ts.SourceFile, builder: string): Set<string> {
  const out = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isFunctionDeclaration(st) || !st.name || !st.body) continue;
    const returns: ts.ReturnStatement[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isFunctionLike(n) && n !== st) return;
      if (ts.isReturnStatement(n)) returns.push(n);
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(st.body, visit);
    if (returns.length && returns.every((r) => r.expression && isCallTo(r.expression, new Set([builder])))) out.add(st.name.text);
  }
  return out;
}

function isCallTo(expr: ts.Expression, names: Set<string>): boolean {
  return ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && names.has(expr.expression.text);
}

/**
 * Problems in one file: each exported binding that is not built with the builder.
 * kind "action": every export; kind "route": HTTP method exports (config values allowed).
 */
export function checkSource(fileName: string, text: string, kind: "action" | "route"): { exports: string[]; problems: string[] } {
  const sf = parse(fileName, text);
  const builder = kind === "action" ? "defineAction" : "defineRoute";
  const allowed = new Set([builder, ...localFactories(sf, builder)]);
  const exports: string[] = [];
  const problems: string[] = [];
  const judge = (name: string, ok: boolean) => {
    if (kind === "route" && ROUTE_CONFIG.has(name)) return;
    exports.push(name);
    if (kind === "route" && !HTTP_METHODS.has(name)) problems.push(`${name}: a route file exports only HTTP methods and segment config`);
    else if (!ok) problems.push(`${name}: not built with ${builder}()`);
  };
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && isExported(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) judge(d.name.text, !!d.initializer && isCallTo(d.initializer, allowed));
        else {
          // export const { GET, POST } = handlers: destructured, so not provably built.
          for (const el of d.name.elements) if (ts.isBindingElement(el) && ts.isIdentifier(el.name)) judge(el.name.text, false);
        }
      }
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && isExported(st)) {
      judge(st.name?.text ?? "default", false);
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly) {
      if (st.exportClause && ts.isNamedExports(st.exportClause)) for (const el of st.exportClause.elements) if (!el.isTypeOnly) judge(el.name.text, false);
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
      if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server") {
        out.push(`line ${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const files = ["app", "lib", "components"].flatMap((d) => walk(path.join(ROOT, d)));
const actionFiles = files.filter((f) => isUseServerFile(parse(f, readFileSync(f, "utf8"))));
// Next only routes route.ts files under app/.
const routeFiles = files.filter((f) => f.startsWith(path.join(ROOT, "app") + path.sep) && /^route\.(ts|tsx|js)$/.test(path.basename(f)));

describe("every endpoint is built on the rails", () => {
  it.each(actionFiles.map((f) => [path.relative(ROOT, f), f]))("%s exports only defineAction results", (_rel, file) => {
    const { exports, problems } = checkSource(file, readFileSync(file, "utf8"), "action");
    expect(problems).toEqual([]);
    expect(exports.length).toBeGreaterThan(0);
  });

  it.each(routeFiles.map((f) => [path.relative(ROOT, f), f]))("%s exports only defineRoute handlers", (_rel, file) => {
    const { exports, problems } = checkSource(file, readFileSync(file, "utf8"), "route");
    expect(problems).toEqual([]);
    expect(exports.length).toBeGreaterThan(0);
  });

  it("has no inline server actions (they would bypass the builder)", () => {
    const inline = files.flatMap((f) => inlineServerFunctions(parse(f, readFileSync(f, "utf8"))).map((where) => `${path.relative(ROOT, f)} ${where}`));
    expect(inline).toEqual([]);
  });

  it("finds the server actions and route handlers of the tree", () => {
    const actions = actionFiles.flatMap((f) => checkSource(f, readFileSync(f, "utf8"), "action").exports);
    const handlers = routeFiles.flatMap((f) => checkSource(f, readFileSync(f, "utf8"), "route").exports);
    // Printed for the figures; the floor only guards against the walk finding nothing.
    console.info(`server actions: ${actions.length} in ${actionFiles.length} files; route handlers: ${handlers.length} in ${routeFiles.length} files`);
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
    expect(checkSource("w.ts", src, "action").problems).toEqual(["b: not built with defineAction()"]);
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

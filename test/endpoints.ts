// The project's endpoints, found on the file system: every page, route handler (with its HTTP
// methods) and server action. Shared by the rails check (lib/server/builders.test.ts) and the
// authorization matrix (e2e/authz-matrix.spec.ts), so both see the same tree: a new endpoint
// is found by both, and the matrix fails until it has an entry. Parsing only (TypeScript's
// parser), no imports of the modules themselves (they need Next's runtime).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "..");
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

export function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

export function parse(fileName: string, text: string) {
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

/** The URL pattern Next serves a file under app/ at: route groups dropped, dynamic segments kept. */
export function urlPattern(file: string): string {
  const dir = path.relative(path.join(ROOT, "app"), path.dirname(file));
  const segments = dir.split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

export interface Endpoints {
  files: string[];
  /** Every page: its URL pattern and file. */
  pages: { pattern: string; file: string }[];
  /** Every route handler: URL pattern, file and the HTTP methods it exports. */
  routes: { pattern: string; file: string; methods: string[] }[];
  /** Every server action: its "use server" file (relative to the root) and export name. */
  actions: { file: string; name: string }[];
  actionFiles: string[];
  routeFiles: string[];
}

/** Walks app/, lib/ and components/ once. */
export function discoverEndpoints(): Endpoints {
  const files = ["app", "lib", "components"].flatMap((d) => walk(path.join(ROOT, d)));
  const appDir = path.join(ROOT, "app") + path.sep;
  const actionFiles = files.filter((f) => isUseServerFile(parse(f, readFileSync(f, "utf8"))));
  // Next only routes route.ts files under app/.
  const routeFiles = files.filter(
    (f) => f.startsWith(appDir) && /^route\.(ts|tsx|js)$/.test(path.basename(f)),
  );
  const pageFiles = files.filter(
    (f) => f.startsWith(appDir) && /^page\.(tsx|ts|jsx|js)$/.test(path.basename(f)),
  );
  return {
    files,
    actionFiles,
    routeFiles,
    pages: pageFiles
      .map((file) => ({ pattern: urlPattern(file), file: path.relative(ROOT, file) }))
      .sort((a, b) => a.pattern.localeCompare(b.pattern)),
    routes: routeFiles
      .map((file) => ({
        pattern: urlPattern(file),
        file: path.relative(ROOT, file),
        methods: checkSource(file, readFileSync(file, "utf8"), "route").exports,
      }))
      .sort((a, b) => a.pattern.localeCompare(b.pattern)),
    actions: actionFiles.flatMap((file) =>
      checkSource(file, readFileSync(file, "utf8"), "action").exports.map((name) => ({
        file: path.relative(ROOT, file),
        name,
      })),
    ),
  };
}

/** The names of a string-literal union's `name` fields: `type C = { name: "a" } | { name: "b" }` → ["a", "b"]. */
export function unionNames(file: string, typeName: string): string[] {
  const sf = parse(file, readFileSync(path.join(ROOT, file), "utf8"));
  const alias = sf.statements.find(
    (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === typeName,
  );
  if (!alias || !ts.isUnionTypeNode(alias.type))
    throw new Error(`${file}: no union type ${typeName}`);
  return alias.type.types.flatMap((member) => {
    if (!ts.isTypeLiteralNode(member)) return [];
    const name = member.members.find(
      (m): m is ts.PropertySignature =>
        ts.isPropertySignature(m) && ts.isIdentifier(m.name) && m.name.text === "name",
    );
    return name?.type && ts.isLiteralTypeNode(name.type) && ts.isStringLiteral(name.type.literal)
      ? [name.type.literal.text]
      : [];
  });
}

/** The string elements of `export const NAME = [..] as const` in a module. */
export function constStrings(file: string, constName: string): string[] {
  const sf = parse(file, readFileSync(path.join(ROOT, file), "utf8"));
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== constName || !d.initializer) continue;
      let init: ts.Expression = d.initializer;
      if (ts.isAsExpression(init)) init = init.expression;
      if (ts.isArrayLiteralExpression(init))
        return init.elements.filter(ts.isStringLiteral).map((e) => e.text);
    }
  }
  throw new Error(`${file}: no array constant ${constName}`);
}

// Prisma's schema engine as WebAssembly. The native engine that `prisma migrate` uses is
// downloaded at run time from Prisma's servers; the WebAssembly build ships inside an npm
// package, so migrations work offline and write the same `_prisma_migrations` table.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";

const require = createRequire(import.meta.url);

type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
export type SchemaEngine = Awaited<ReturnType<Bindings["SchemaEngine"]["new"]>>;

let bindings: Promise<Bindings> | undefined;

let lastPanic = "";
/** The message of the engine's last Rust panic, to explain an otherwise opaque failure. */
export const lastEnginePanic = () => lastPanic;

async function loadBindings(): Promise<Bindings> {
  (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      lastPanic = message;
    },
  };
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bg = (await import(bgPath)) as Bindings & { __wbg_set_wasm(w: unknown): void };
  const wasmBytes = readFileSync(bgPath.replace(/\.js$/, ".wasm"));
  const { instance } = await WebAssembly.instantiate(wasmBytes, {
    "./schema_engine_bg.js": bg as never,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return bg;
}

const PG_CHAR = 18;
const PG_TEXT = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

type Queryable = {
  performIO(query: object): Promise<pg.QueryResult>;
  queryRaw(query: object): Promise<{ columnTypes: number[] }>;
  startTransaction?: (...args: unknown[]) => Promise<Queryable>;
};

// The engine reads catalog columns of PostgreSQL's one-byte "char" type (contype, relkind…)
// and expects them as Character, but @prisma/adapter-pg 7.10 rejects that type as unsupported.
function acceptCharColumns<T>(target: T): T {
  const q = target as unknown as Queryable;
  const charColumns = new WeakMap<object, number[]>();
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    const found: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR) {
        field.dataTypeID = PG_TEXT;
        found.push(i);
      }
    });
    charColumns.set(query, found);
    return result;
  };
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return result;
  };
  if (q.startTransaction) {
    const startTransaction = q.startTransaction.bind(q);
    q.startTransaction = async (...args) => acceptCharColumns(await startTransaction(...args));
  }
  return target;
}

// @prisma/adapter-pg 7.10 runs a migration script by splitting it at every ";", which breaks
// statements that contain one (a plpgsql function body between $$ quotes). The native engine
// sends each script whole, in one simple-protocol query; so does this.
function wholeScripts<T>(target: T): T {
  const q = target as unknown as {
    executeScript?(script: string): Promise<void>;
    client?: { query(sql: string): Promise<unknown> };
    onError?(error: unknown): never;
  };
  const client = q.client;
  if (typeof q.executeScript === "function" && client && typeof q.onError === "function") {
    const onError = q.onError.bind(q);
    q.executeScript = async (script: string) => {
      try {
        await client.query(script);
      } catch (error) {
        onError(error);
      }
    };
  }
  return target;
}

// Discrete fields, not a connection string: the adapter derives the shadow database's config
// by overriding `database`, which a connection string would silently win over.
function poolConfig(connectionString: string): pg.PoolConfig {
  const url = new URL(connectionString);
  const ssl = url.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(url.hostname),
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
    ssl: ssl && ssl !== "disable" ? { rejectUnauthorized: ssl === "verify-full" } : undefined,
  };
}

async function adminQuery(config: pg.PoolConfig, sql: string) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// PrismaPg's own shadow database is dropped before its pool is closed, which PostgreSQL
// refuses ("being accessed by other users"); this one closes the pool first.
function adapterFactory(config: pg.PoolConfig) {
  const main = new PrismaPg(config);
  return {
    provider: main.provider as "postgres",
    adapterName: main.adapterName,
    connect: async () => wholeScripts(acceptCharColumns(await main.connect())),
    async connectToShadowDb() {
      const database = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, "")}`;
      await adminQuery(config, `CREATE DATABASE "${database}"`);
      const adapter = wholeScripts(
        acceptCharColumns(await new PrismaPg({ ...config, database }).connect()),
      );
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await adminQuery(config, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      };
      return adapter;
    },
  };
}

export async function openSchemaEngine(
  connectionString: string,
  schemaPath: string,
  schemaText: string,
) {
  bindings ??= loadBindings();
  const { SchemaEngine } = await bindings;
  const adapter = bindMigrationAwareSqlAdapterFactory(adapterFactory(poolConfig(connectionString)));
  const log = (line: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error(line);
  };
  return SchemaEngine.new({ datamodels: [[schemaPath, schemaText]] }, log, adapter);
}

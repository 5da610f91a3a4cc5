// Hooks for areas that add pages or endpoints to the scale bench (search, dashboard, similar
// incidents, alert ingestion, API throughput …). Drop a file in scripts/bench/scale/extensions/
// whose default export is a ScaleExtension; the bench discovers it, seeds with it, measures its
// pages at 1k and 100k beside the core lists, and prints its own rows in the table.
import { readdirSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import type { BulkSeed } from "./seed";
import type { LargeIncident } from "./large";
import type { LoadOptions, LoadResult } from "./load";

/** Who a measured page is requested as. */
export type Caller = "owner" | "reader" | "anonymous";

export interface PageTarget {
  /** Row label in the table, e.g. "search: 'checkout'". */
  label: string;
  /** Path and query on the app, e.g. "/search?q=checkout". */
  path: string;
  as: Caller;
}

export interface SeedContext {
  /** "small" is the 1,000-incident database, "large" the 100,000-incident one. */
  size: "small" | "large";
  seed: BulkSeed;
  /** Only in the large database. */
  large?: LargeIncident;
}

export interface MeasureContext {
  /** The server on the 100k database, and the seed it serves. */
  appUrl: string;
  databaseUrl: string;
  seed: BulkSeed;
  large: LargeIncident;
  /** Cookie header for a caller. */
  cookie(as: Caller): string | undefined;
  /** autocannon with per-response latencies (p50/p95/p99). */
  load(options: LoadOptions): Promise<LoadResult>;
}

export interface ScaleExtension {
  name: string;
  /** Extra rows after the bulk seed, in both databases (use SQL set operations: it must stay fast). */
  seed?(client: pg.Client, ctx: SeedContext): Promise<void>;
  /** Pages measured at 1k and at 100k (p50/p95/p99 and the 100k/1k p95 ratio). */
  pages?(seed: BulkSeed): PageTarget[];
  /** Free-form measurements on the 100k server (e.g. requests/s of an API); each row is printed. */
  measure?(ctx: MeasureContext): Promise<{ label: string; value: string }[]>;
}

export async function loadExtensions(): Promise<ScaleExtension[]> {
  const dir = path.join(import.meta.dirname, "extensions");
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .sort();
  } catch {
    return [];
  }
  const out: ScaleExtension[] = [];
  for (const f of files)
    out.push(((await import(path.join(dir, f))) as { default: ScaleExtension }).default);
  return out;
}

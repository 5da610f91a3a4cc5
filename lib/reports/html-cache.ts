// The published versions' stored HTML, kept in memory per process (least recently used first out,
// bounded by bytes). A published version's HTML never changes once stored for this release's
// renderer (lib/reports/published-html.ts), so an entry needs no invalidation: whoever may read
// it is decided per request by the database (token, grant, team), before the cache is asked.
// Without it every view pulled the 200 KB column through PostgreSQL (decompressing it) and
// Prisma, and encoded it to UTF-8 again (issue 13).
//
// On globalThis: the route handlers, the pages and the server-rendering layer are separate
// bundles in one process and must share one cache. No server-only import: pure data.

export interface CachedHtml {
  html: string;
  /** The same HTML as UTF-8 bytes, made once: documents are assembled from bytes. */
  bytes: Uint8Array<ArrayBuffer>;
}

const DEFAULT_MAX_BYTES = 48 * 1024 * 1024;

export class HtmlLru {
  private entries = new Map<string, CachedHtml>();
  private used = 0;
  constructor(readonly maxBytes: number) {}

  /** Cost of an entry: the string (at most 2 bytes a character) and its UTF-8 bytes. */
  private static cost(entry: CachedHtml): number {
    return entry.html.length * 2 + entry.bytes.byteLength;
  }

  get(key: string): CachedHtml | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, html: string): CachedHtml {
    const entry: CachedHtml = { html, bytes: new TextEncoder().encode(html) };
    this.delete(key);
    const cost = HtmlLru.cost(entry);
    // Bigger than the whole cache: served, not kept.
    if (cost > this.maxBytes) return entry;
    this.entries.set(key, entry);
    this.used += cost;
    for (const [oldest, old] of this.entries) {
      if (this.used <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.used -= HtmlLru.cost(old);
    }
    return entry;
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.used -= HtmlLru.cost(old);
  }

  get size(): number {
    return this.entries.size;
  }

  get bytesUsed(): number {
    return this.used;
  }
}

/**
 * PUBLISHED_HTML_CACHE_MB (default 48; 0 turns the cache off). Validated by lib/env.ts at start
 * (a typo stops the app); read here directly because this module is also in the client bundle
 * of components/reports/frozen-report.tsx, where env() is not loaded.
 */
function maxBytesFromEnv(): number {
  const raw = process.env.PUBLISHED_HTML_CACHE_MB;
  const mb = raw === undefined || raw === "" ? NaN : Number(raw);
  return Number.isFinite(mb) && mb >= 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_MAX_BYTES;
}

const g = globalThis as unknown as { hindsightPublishedHtml?: HtmlLru };

/** This process's cache of published HTML, keyed by `versionId:variant:renderer`. */
export function publishedHtmlCache(): HtmlLru {
  return (g.hindsightPublishedHtml ??= new HtmlLru(maxBytesFromEnv()));
}

export const htmlCacheKey = (versionId: string, variant: string, renderer: string) =>
  `${versionId}:${variant}:${renderer}`;

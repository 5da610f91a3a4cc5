// Node options for the production server: `npm start`, the bench and the documented command.
// The heap is capped so a busy server stays under ~500 MB resident: V8 otherwise grows the
// old space towards the machine's memory before it collects (1.1 GB seen under report load).
// MAX_HEAP_MB changes the cap; a --max-old-space-size already in NODE_OPTIONS wins.
export const DEFAULT_MAX_HEAP_MB = 256;

/** NODE_OPTIONS for the app server. */
export function appNodeOptions(env: NodeJS.ProcessEnv = process.env): string {
  const current = env.NODE_OPTIONS?.trim() ?? "";
  if (/--max-old-space-size/.test(current)) return current;
  const mb = Number(env.MAX_HEAP_MB ?? DEFAULT_MAX_HEAP_MB);
  if (!Number.isInteger(mb) || mb < 64)
    throw new Error(
      `MAX_HEAP_MB must be a whole number of megabytes (64 or more), not ${env.MAX_HEAP_MB}`,
    );
  return `${current} --max-old-space-size=${mb}`.trim();
}

/**
 * The web server's environment additions: NODE_OPTIONS (above) and MALLOC_ARENA_MAX=2 unless
 * set. glibc gives each thread that allocates (libuv's pool, the dashboard's grouping thread)
 * an arena of its own and keeps freed memory in it; Buffers (report bytes, responses) come from
 * malloc. Two arenas cut the bench server's peak by 40-55 MB (422 -> 379 and 435 -> 393 MB over
 * the team report page at 50 clients and the dashboard for a year; .exp runs of 2026-12-04).
 */
export function appServerEnv(env: Record<string, string | undefined> = process.env): {
  NODE_OPTIONS: string;
  MALLOC_ARENA_MAX: string;
} {
  return {
    NODE_OPTIONS: appNodeOptions(env as NodeJS.ProcessEnv),
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || "2",
  };
}

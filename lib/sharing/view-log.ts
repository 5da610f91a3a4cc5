import "server-only";
// Share-link and portal views are counted and audited off the request path, in batches: a view
// is queued (no database work while the reader waits) and written with the others of the same
// moment in two statements (lib/sharing/mutations.ts#recordViews) at most FLUSH_MS later. A
// failed write is retried with the next batch; on SIGTERM the queue is written before the
// process exits (lib/server/shutdown.ts). Only a crash loses the views of the last moment, as
// next/server's after() did before.
import { errorFields, log } from "@/lib/log";
import { onShutdown } from "@/lib/server/shutdown";
import { recordViews, type PortalView, type ShareView } from "./mutations";

const FLUSH_MS = 200;
const MAX_BATCH = 500;
/** Views kept while the database refuses writes; beyond it the oldest are dropped and logged. */
const MAX_PENDING = 50_000;

interface ViewLog {
  shares: ShareView[];
  portal: PortalView[];
  timer: ReturnType<typeof setTimeout> | null;
  flushing: Promise<void> | null;
  failures: number;
  shutdownHooked: boolean;
}

// On globalThis: the shared-link and portal routes are separate bundles in one process.
const g = globalThis as unknown as { hindsightViewLog?: ViewLog };
const state: ViewLog = (g.hindsightViewLog ??= {
  shares: [],
  portal: [],
  timer: null,
  flushing: null,
  failures: 0,
  shutdownHooked: false,
});

function schedule(delay = FLUSH_MS) {
  if (!state.shutdownHooked) {
    state.shutdownHooked = true;
    onShutdown(() => flushViews());
  }
  if (state.timer) return;
  state.timer = setTimeout(() => {
    state.timer = null;
    void flushViews();
  }, delay);
  state.timer.unref?.();
}

export function queueShareView(view: ShareView): void {
  state.shares.push(view);
  schedule(state.shares.length >= MAX_BATCH ? 0 : FLUSH_MS);
}

export function queuePortalView(view: PortalView): void {
  state.portal.push(view);
  schedule(state.portal.length >= MAX_BATCH ? 0 : FLUSH_MS);
}

/** Writes every queued view (waits for a write in progress first). Tests and shutdown call it. */
export async function flushViews(): Promise<void> {
  while (state.flushing) await state.flushing;
  if (!state.shares.length && !state.portal.length) return;
  const shares = state.shares.splice(0, MAX_BATCH);
  const portal = state.portal.splice(0, MAX_BATCH);
  state.flushing = recordViews(shares, portal).then(
    () => {
      state.failures = 0;
    },
    (error: unknown) => {
      // Back in front of the queue, in order; retried with growing pauses (at most 30 s).
      state.shares.unshift(...shares);
      state.portal.unshift(...portal);
      state.failures += 1;
      const over = state.shares.length + state.portal.length - MAX_PENDING;
      if (over > 0) {
        const dropShares = Math.min(over, state.shares.length);
        state.shares.splice(0, dropShares);
        state.portal.splice(0, over - dropShares);
        log.error({ dropped: over }, "view log full: oldest views dropped");
      }
      log.warn({ ...errorFields(error), failures: state.failures }, "writing views failed");
    },
  );
  try {
    await state.flushing;
  } finally {
    state.flushing = null;
  }
  if (state.shares.length || state.portal.length)
    schedule(state.failures ? Math.min(30_000, FLUSH_MS * 2 ** state.failures) : 0);
}

/** Views waiting to be written (tests). */
export function pendingViews(): number {
  return state.shares.length + state.portal.length;
}

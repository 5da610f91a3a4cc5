// Graceful shutdown of a web server process (SIGTERM from Docker, Kubernetes or a rolling
// restart). Next's own handler stops accepting connections, waits for the requests in flight and
// then calls process.exit. Two things would defeat it: live-update streams never end by
// themselves (so it would wait until the orchestrator's SIGKILL), and the in-app email worker
// would be cut off mid-delivery by the exit. So on the signal every registered task runs (streams
// close, browsers reconnect to another instance; the worker finishes what it holds) and the exit
// waits for them, at most `graceMs`.
type Task = () => Promise<unknown> | unknown;

interface ShutdownState {
  tasks: Set<Task>;
  done: Promise<void> | null;
  installed: boolean;
}

// On globalThis: route handlers and instrumentation are separate bundles in one process.
const g = globalThis as unknown as { hindsightShutdown?: ShutdownState };
const state: ShutdownState = (g.hindsightShutdown ??= {
  tasks: new Set(),
  done: null,
  installed: false,
});

/** Runs `task` when the process is asked to stop; returns a function that unregisters it. */
export function onShutdown(task: Task): () => void {
  state.tasks.add(task);
  return () => void state.tasks.delete(task);
}

/** True once SIGTERM/SIGINT arrived (readiness should then answer 503). */
export function shuttingDown(): boolean {
  return state.done !== null;
}

export function installShutdownHandlers(graceMs = 20_000): void {
  if (state.installed) return;
  state.installed = true;
  const begin = () => {
    if (state.done) return;
    const tasks = [...state.tasks].map((task) =>
      Promise.resolve()
        .then(task)
        .catch(() => undefined),
    );
    const limit = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    state.done = Promise.race([Promise.all(tasks).then(() => undefined), limit]);
  };
  process.on("SIGTERM", begin);
  process.on("SIGINT", begin);
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => {
    if (!state.done) return exit(code);
    void state.done.then(() => exit(code));
    return undefined as never;
  }) as typeof process.exit;
}

import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * A child process that behaves like `next start`: its own SIGTERM handler calls process.exit
 * soon after. The registered task (a delivery in flight, 300 ms) must finish first.
 */
function child(graceMs: number, taskMs: number) {
  const script = `
    const { installShutdownHandlers, onShutdown, shuttingDown } = await import(${JSON.stringify(path.join(root, "lib/server/shutdown.ts"))});
    process.on("SIGTERM", () => setTimeout(() => process.exit(143), 10));
    installShutdownHandlers(${graceMs});
    onShutdown(async () => {
      console.log("task started, shutting down: " + shuttingDown());
      await new Promise((r) => setTimeout(r, ${taskMs}));
      console.log("task finished");
    });
    const off = onShutdown(() => console.log("unregistered task ran"));
    off();
    console.log("ready");
    setInterval(() => {}, 1000);
  `;
  const proc = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
  });
  let out = "";
  proc.stdout.on("data", (d: Buffer) => (out += d));
  const ready = new Promise<void>((resolve) =>
    proc.stdout.on("data", () => out.includes("ready") && resolve()),
  );
  const exited = new Promise<number | null>((resolve) =>
    proc.once("exit", (code) => resolve(code)),
  );
  return { proc, ready, exited, output: () => out };
}

it(
  "holds the server's exit until registered tasks finish; unregistered ones do not run",
  { timeout: 30_000 },
  async () => {
    const c = child(10_000, 300);
    await c.ready;
    c.proc.kill("SIGTERM");
    expect(await c.exited).toBe(143);
    expect(c.output()).toBe("ready\ntask started, shutting down: true\ntask finished\n");
  },
);

it("exits after the grace period when a task hangs", { timeout: 30_000 }, async () => {
  const c = child(200, 60_000);
  await c.ready;
  c.proc.kill("SIGTERM");
  expect(await c.exited).toBe(143);
  expect(c.output()).toBe("ready\ntask started, shutting down: true\n");
});

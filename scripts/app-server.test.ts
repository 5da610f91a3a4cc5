import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { choosePort, freePort, portIsFree, StartError, waitForOwnServer } from "./app-server";

const root = path.resolve(import.meta.dirname, "..");
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Another program on the port: answers /api/health like Hindsight would, and counts requests. */
async function squatter(instance = "someone-else") {
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests++;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ status: "ok", database: true, instance }));
  });
  await new Promise<void>((r) => server.listen(0, r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return { port: (server.address() as AddressInfo).port, requests: () => requests };
}

function child(code: string, env: Record<string, string> = {}): ChildProcess {
  const c = spawn(process.execPath, ["-e", code], {
    env: { ...process.env, ...env },
    stdio: "ignore",
  });
  cleanups.push(() => c.exitCode === null && c.kill("SIGKILL"));
  return c;
}

describe("port choice", () => {
  it("refuses a port another program listens on, in one line naming the variable", async () => {
    const { port } = await squatter();
    expect(await portIsFree(port)).toBe(false);
    const refusal = choosePort("E2E_PORT", String(port));
    await expect(refusal).rejects.toBeInstanceOf(StartError);
    await expect(refusal).rejects.toThrow(
      `Port ${port} (E2E_PORT) is already in use by another program: stop that program or set E2E_PORT to a free port or unset it to pick one.`,
    );
  });

  it("without a port asked for, picks one nobody listens on", async () => {
    const port = await choosePort("E2E_PORT", undefined);
    expect(await portIsFree(port)).toBe(true);
    expect(await choosePort("E2E_PORT", String(port))).toBe(port);
  });

  it("refuses a value that is not a port", async () => {
    await expect(choosePort("PORT", "http")).rejects.toThrow(
      "PORT=http is not a port number (1–65535).",
    );
  });
});

describe("waiting for our own server", () => {
  it("is ready when the child that was started answers with its instance id", async () => {
    const port = await freePort();
    const app = child(
      `require("node:http").createServer((q, s) => s.end(JSON.stringify({ status: "ok", instance: process.env.INSTANCE_ID }))).listen(${port})`,
      { INSTANCE_ID: "run-ours" },
    );
    await expect(
      waitForOwnServer(`http://127.0.0.1:${port}`, app, "run-ours", 20_000),
    ).resolves.toBeUndefined();
  });

  it("refuses when a different program answers on the port while our child never does", async () => {
    const other = await squatter();
    const idle = child("setTimeout(() => {}, 60_000)");
    await expect(
      waitForOwnServer(`http://127.0.0.1:${other.port}`, idle, "run-ours", 20_000, 3),
    ).rejects.toThrow(
      `Another program answers on http://127.0.0.1:${other.port} (not the app this run started); stop it or choose another port.`,
    );
  });

  it("fails at once when our child exits during start-up (e.g. EADDRINUSE)", async () => {
    const other = await squatter();
    const crashed = child("process.exit(3)");
    await new Promise((r) => crashed.once("exit", r));
    await expect(
      waitForOwnServer(`http://127.0.0.1:${other.port}`, crashed, "run-ours"),
    ).rejects.toThrow("The app server exited during start-up (3)");
    expect(other.requests()).toBe(0);
  });
});

describe("scripts/with-test-db.ts --e2e", () => {
  it(
    "stops at once, before creating a database, when E2E_PORT is taken; the other program gets no request",
    { timeout: 30_000 },
    async () => {
      const other = await squatter();
      // Asynchronously, so this process's squatter keeps answering (and counting) meanwhile.
      const run = spawn(
        process.execPath,
        ["--import", "tsx", "scripts/with-test-db.ts", "--e2e", "node", "-e", "process.exit(0)"],
        {
          cwd: root,
          env: {
            ...process.env,
            E2E_PORT: String(other.port),
            TEST_DATABASE_URL: "postgresql://nobody:nothing@127.0.0.1:1/none",
          },
        },
      );
      let stderr = "";
      run.stderr.on("data", (d: Buffer) => (stderr += d));
      const status = await new Promise((r) => run.once("exit", r));
      const result = { status, stderr };
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        `[with-test-db] Port ${other.port} (E2E_PORT) is already in use by another program: stop that program or set E2E_PORT to a free port or unset it to pick one.`,
      );
      expect(other.requests()).toBe(0);
    },
  );
});

describe("npm start (scripts/start.ts)", () => {
  it(
    "refuses a taken PORT in one line before starting a database or anything else",
    { timeout: 30_000 },
    async () => {
      const other = await squatter();
      const run = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
        cwd: root,
        env: { ...process.env, PORT: String(other.port), HOST: "" },
      });
      let stdout = "";
      let stderr = "";
      run.stdout.on("data", (d: Buffer) => (stdout += d));
      run.stderr.on("data", (d: Buffer) => (stderr += d));
      const status = await new Promise((r) => run.once("exit", r));
      expect(status).toBe(1);
      expect(stderr.trim()).toBe(
        `[hindsight] Port ${other.port} (PORT) is already in use by another program: stop that program or set PORT to a free port.`,
      );
      expect(stdout).not.toMatch(/PostgreSQL|mail catcher/);
      expect(other.requests()).toBe(0);
    },
  );
});

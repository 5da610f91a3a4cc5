import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import {
  startOwnApp,
  startOwnPostgres,
  type OwnApp,
  type OwnPostgres,
} from "./support/own-postgres";

// A frozen database (SIGSTOP: the server accepts nothing and answers nothing) must not hang
// the app: health says 503 within 2 s, pages show "temporarily unavailable" with 503 (not a
// redirect to sign-in), and everything recovers without a restart once it is thawed.
test.describe("when the database stalls", () => {
  test.describe.configure({ timeout: 180_000 });
  let database: OwnPostgres;
  let app: OwnApp;
  let cookie: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    database = await startOwnPostgres();
    const token = randomBytes(24).toString("hex");
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      `INSERT INTO "User" (id, email, "updatedAt") VALUES ('stall-user', 'stall@example.test', now())`,
    );
    await client.query(
      `INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ('stall-session', $1, 'stall-user', now() + interval '1 day')`,
      [token],
    );
    await client.end();
    cookie = `authjs.session-token=${token}`;
    app = await startOwnApp(database.url);
  });

  test.afterAll(async () => {
    await app?.stop();
    await database?.stop();
  });

  test("health answers 503 within 2 s, pages 503 'temporarily unavailable', then both recover", async () => {
    const page = () =>
      fetch(`${app.baseUrl}/incidents`, {
        headers: { cookie, accept: "text/html" },
        redirect: "manual",
      });
    // Signed in and healthy: the teamless user is sent to onboarding, not to sign-in.
    expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);
    // Ready: database, every migration applied, queue (the own app runs WORKER=off).
    const ready = await fetch(`${app.baseUrl}/api/ready`);
    expect(await ready.json()).toMatchObject({
      ready: true,
      database: true,
      migrations: { ok: true, pending: [] },
      queue: true,
    });
    expect(ready.status).toBe(200);
    const before = await page();
    expect(before.status).toBe(307);
    expect(before.headers.get("location")).toContain("/onboarding");

    database.freeze();
    try {
      const started = Date.now();
      const health = await fetch(`${app.baseUrl}/api/health`, {
        signal: AbortSignal.timeout(10_000),
      });
      const healthMs = Date.now() - started;
      console.log(
        `[stall] /api/health with the database frozen: ${health.status} in ${healthMs} ms`,
      );
      expect(health.status).toBe(503);
      expect(healthMs).toBeLessThan(2_000);

      // Liveness says only that the process is up: a frozen database must not get it restarted.
      const live = await fetch(`${app.baseUrl}/api/live`, { signal: AbortSignal.timeout(2_000) });
      expect(live.status).toBe(200);
      expect(await live.json()).toMatchObject({ status: "live" });

      const notReady = await fetch(`${app.baseUrl}/api/ready`, {
        signal: AbortSignal.timeout(10_000),
      });
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({ ready: false, database: false });

      const stalled = await page();
      expect(stalled.status).toBe(503);
      expect(stalled.headers.get("location")).toBeNull();
      expect(await stalled.text()).toContain("temporarily unavailable");
    } finally {
      database.thaw();
    }

    await expect
      .poll(async () => (await fetch(`${app.baseUrl}/api/health`)).status, { timeout: 15_000 })
      .toBe(200);
    const after = await page();
    expect(after.status).toBe(307);
    expect(after.headers.get("location")).toContain("/onboarding");
  });
});

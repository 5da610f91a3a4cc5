import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Before anything reads the environment: scraping is switched on with this token.
const TOKEN = vi.hoisted(() => (process.env.METRICS_TOKEN = "integration-metrics-token-0123"));

import { GET } from "@/app/api/metrics/route";
import { startMailSink, type MailSink } from "@/lib/email/sink";
import { enqueueMail } from "@/lib/jobs/email-queue";
import { stopSender } from "@/lib/jobs/sender";
import { startWorker } from "@/lib/jobs/worker";
import { testDb } from "@/test/factory";
import { installHttpMetrics } from "./http";

const scrape = (authorization?: string) =>
  GET(
    new Request("http://app.test/api/metrics", { headers: authorization ? { authorization } : {} }),
  );
const body = async () => {
  const response = await scrape(`Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
};
/** The value of one sample line, e.g. value(text, 'hindsight_email_queue_jobs{state="created"}'). */
const value = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

let server: http.Server;
let base: string;
let dir: string;
let sink: MailSink;

beforeAll(async () => {
  installHttpMetrics();
  // A plain Node HTTP server stands in for Next's: the metrics hook Node's HTTP layer itself.
  server = http.createServer((req, res) => {
    res.statusCode = req.url?.startsWith("/incidents/") ? 200 : 404;
    res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(path.join(tmpdir(), "hindsight-metrics-"));
  sink = await startMailSink({ dir });
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await stopSender();
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("/api/metrics", () => {
  it("refuses a scrape without the token, or with a wrong one, and says how to authenticate", async () => {
    for (const header of [undefined, "Bearer not-the-token-at-all-000", `Basic ${TOKEN}`]) {
      const response = await scrape(header);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await response.text()).not.toContain("hindsight_");
    }
  });

  it("reports request durations by route pattern, never by raw id", async () => {
    await fetch(`${base}/incidents/cm4x1y2z3a4b5c6d7e8f9g0h/whys`).then((r) => r.text());
    await fetch(`${base}/incidents/cm9z8y7x6w5v4u3t2s1r0q9p/whys`).then((r) => r.text());
    await fetch(`${base}/wp-login.php`).then((r) => r.text());
    const text = await body();
    expect(
      value(
        text,
        'hindsight_http_request_duration_seconds_count{route="/incidents/[id]/whys",method="GET",status="2xx"}',
      ),
    ).toBe(2);
    expect(
      value(
        text,
        'hindsight_http_request_duration_seconds_count{route="(not found)",method="GET",status="4xx"}',
      ),
    ).toBe(1);
    expect(text).not.toContain("cm4x1y2z3a4b5c6d7e8f9g0h");
  });

  it("reports the queue by state, delivery latency and the database pool", async () => {
    const to = `metrics.${Date.now()}@example.test`;
    const jobId = await enqueueMail({ to, subject: "Waiting", text: "no worker yet" });
    expect(jobId).toBeTruthy();
    const waiting = await body();
    expect(value(waiting, 'hindsight_email_queue_jobs{state="created"}')).toBeGreaterThanOrEqual(1);
    expect(value(waiting, 'hindsight_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(value(waiting, 'hindsight_db_pool_connections{state="waiting"}')).toBe(0);

    const worker = await startWorker({ smtpUrl: sink.url, log: () => undefined });
    try {
      // This test's own message (other test files may have left jobs waiting out a back-off).
      await expect
        .poll(
          async () =>
            (
              await testDb.$queryRaw<
                { state: string }[]
              >`SELECT state::text AS state FROM pgboss.job WHERE name = 'email' AND id = ${jobId}::uuid`
            )[0]?.state,
          { timeout: 30_000 },
        )
        .toBe("completed");
    } finally {
      await worker.stop();
    }
    const delivered = await body();
    const created = await testDb.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM pgboss.job WHERE name = 'email' AND state = 'created'`;
    expect(value(delivered, 'hindsight_email_queue_jobs{state="created"}')).toBe(
      Number(created[0]!.n),
    );
    expect(
      value(delivered, 'hindsight_email_queue_jobs{state="completed"}'),
    ).toBeGreaterThanOrEqual(1);
    // The worker ran in this process: its own histogram counted the delivery too.
    expect(
      value(delivered, 'hindsight_email_delivery_seconds_count{outcome="sent"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value(delivered, 'hindsight_email_delivery_latency_seconds{quantile="0.95"}'),
    ).toBeGreaterThan(0);
    expect(value(delivered, "hindsight_process_resident_memory_bytes")).toBeGreaterThan(0);
  });
});

// The scale bench's load runs report rates from their own clock: a run of a fixed number of
// requests against a server that answers each after 100 ms, 10 at once, lasts three waves
// (0.3 s), and its rate is about 100 responses/s. autocannon's own duration ends at its next
// 1 s sampling tick, which made this run last 1 s and its rate 30/s (every round's rate in the
// bench was then the request count it was sized with).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { load, pooled } from "./load";

let server: http.Server;
let url = "";
let served = 0;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    setTimeout(() => {
      served++;
      res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(1000));
    }, 100);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("load", () => {
  it("measures a run's time from its first request to its last response", async () => {
    const before = served;
    const wall = performance.now();
    // rate given: no probe round; 100/s × 0.3 s = 30 requests.
    const run = await load({ url, connections: 10, seconds: 0.3, rate: 100, minRequests: 1 });
    const wallSeconds = (performance.now() - wall) / 1000;
    expect(run.requests).toBe(30);
    expect(served - before).toBe(30);
    expect(run.non2xx).toBe(0);
    // The body and its headers, per response.
    expect(run.bytes).toBeGreaterThan(1000);
    expect(run.bytes).toBeLessThan(1400);
    // Three waves of 100 ms at least, and never more than the call itself took.
    expect(run.duration).toBeGreaterThanOrEqual(0.3);
    expect(run.duration).toBeLessThanOrEqual(wallSeconds);
    // Not a whole second (autocannon's tick): three waves and their overhead.
    expect(run.duration).toBeLessThan(0.6);
    expect(run.rps).toBeCloseTo(30 / run.duration, 6);
    expect(run.p50).toBeGreaterThanOrEqual(100);
  });

  it("pools runs: their responses over their summed time", async () => {
    const a = await load({ url, connections: 10, seconds: 0.2, rate: 100, minRequests: 1 });
    const b = await load({ url, connections: 10, seconds: 0.2, rate: 100, minRequests: 1 });
    const both = pooled([a, b]);
    expect(both.requests).toBe(40);
    expect(both.duration).toBeCloseTo(a.duration + b.duration, 9);
    expect(both.rps).toBeCloseTo(40 / (a.duration + b.duration), 6);
    expect(both.latencies).toHaveLength(40);
  });
});

import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { errorFields, log, logOptions, requestIdOf } from "./log";

describe("the server log", () => {
  it("writes one JSON line per entry, with the level's name, an ISO time and the stack of an error", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).trim().split("\n"));
        done();
      },
    });
    // The options of lib/log.ts, written to a sink instead of stdout.
    const logger = pino(logOptions, sink);
    logger.error({ ...errorFields(new Error("boom")), requestId: "r-1" }, "request failed");
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({
      level: "error",
      app: "hindsight",
      msg: "request failed",
      requestId: "r-1",
      err: { type: "Error", message: "boom", stack: expect.stringContaining("Error: boom") },
    });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
    expect(log.level).toBe("info");
  });

  it("keeps an error's plain fields and cause, never the database client it carries", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk).trim());
        done();
      },
    });
    const error = Object.assign(
      new Error("terminating connection", { cause: new Error("socket closed") }),
      {
        code: "57P01",
        severity: "FATAL",
        client: { connectionParameters: { user: "hindsight", host: "db" }, _queryQueue: [] },
      },
    );
    pino(logOptions, sink).error(errorFields(error), "job queue error");
    const entry = JSON.parse(lines[0]);
    expect(entry.err).toMatchObject({
      message: "terminating connection: socket closed",
      code: "57P01",
      severity: "FATAL",
    });
    expect(entry.err.cause).toMatchObject({ message: "socket closed" });
    expect(lines[0]).not.toContain("connectionParameters");
  });

  it("takes a sane X-Request-Id and makes one otherwise", () => {
    expect(requestIdOf({ "x-request-id": "abc-123" })).toBe("abc-123");
    expect(requestIdOf({ "x-request-id": "bad id with spaces\n" })).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf({})).toMatch(/^[0-9a-f-]{36}$/);
  });
});

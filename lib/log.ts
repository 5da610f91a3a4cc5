import { randomUUID } from "node:crypto";
import pino from "pino";

/**
 * The server's log: one JSON object per line on stdout (time, level, msg and fields), which any
 * log collector parses. Errors are logged with their stack here, on the server; users only ever
 * see a digest (app/error.tsx), which the matching line carries too.
 */
export const logOptions: pino.LoggerOptions = {
  base: { app: "hindsight" },
  serializers: { err: serializeError },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
};

export const log = pino(logOptions);

/**
 * pino's error serializer, keeping only plain values: errors from pg and pg-boss carry their
 * client (its connection settings and internal state, kilobytes per line), which must not be
 * written to the log. The cause chain is kept, serialized the same way.
 */
function serializeError(error: Error): Record<string, unknown> {
  const full = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(full)) {
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) kept[key] = value;
  }
  if (error.cause instanceof Error) kept.cause = serializeError(error.cause);
  return kept;
}

/** Fields for an error: its type, message and stack (pino's standard error serializer). */
export function errorFields(error: unknown) {
  return { err: error instanceof Error ? error : new Error(String(error)) };
}

/** The request id a proxy sent (X-Request-Id), else a fresh one, to tie a request's lines together. */
export function requestIdOf(headers: Record<string, string | string[] | undefined>): string {
  const sent = headers["x-request-id"];
  const value = Array.isArray(sent) ? sent[0] : sent;
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : randomUUID();
}

// What a queued job carries, as zod schemas: a payload is JSON read back from the pgboss tables
// (written by another version of the app, or by hand), so the worker parses it like any other
// input. A payload that does not fit fails its job with one clear log line (queue, job id and
// what was wrong — never the values, which may hold sealed credentials) instead of a TypeError
// deep inside the delivery code.
import { z } from "zod";
import { log } from "@/lib/log";

export const emailJobSchema = z.object({
  sealed: z.string().min(1),
  /** A share-link delivery the worker reports back on (ShareLink.deliveryState). */
  share: z.object({ id: z.string().min(1), tokenHash: z.string().min(1) }).optional(),
});
export type EmailJobData = z.infer<typeof emailJobSchema>;

/** The mail inside `sealed`, once unsealed. */
export const sealedMailSchema = z.object({
  to: z.string().min(1),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  messageId: z.string().optional(),
});

export const notifyJobSchema = z.object({ deliveryId: z.string().min(1) });
export type NotifyJobData = z.infer<typeof notifyJobSchema>;

/** A job whose payload cannot be used: failing it again will not help, but it must not crash the loop. */
export class JobPayloadError extends Error {
  override name = "JobPayloadError";
}

/** "share.id: Invalid input: expected string, received number; sealed: …" (paths and reasons only). */
function problems(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join(".") : "(payload)"}: ${i.message}`)
    .join("; ");
}

/** The payload parsed, or a JobPayloadError after logging which job and what was wrong. */
export function parseJobPayload<S extends z.ZodType>(
  queue: string,
  jobId: string,
  schema: S,
  data: unknown,
): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const reason = problems(parsed.error);
  log.error({ queue, jobId, reason }, "job payload refused");
  throw new JobPayloadError(`Refused job payload: ${reason}`.slice(0, 300));
}

import { describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";
import { emailJobSchema, JobPayloadError, notifyJobSchema, parseJobPayload } from "./payloads";

describe("job payloads", () => {
  it("returns the parsed payload", () => {
    expect(parseJobPayload("notify", "j1", notifyJobSchema, { deliveryId: "d1" })).toEqual({
      deliveryId: "d1",
    });
  });

  it("refuses a payload that does not fit with a JobPayloadError and one log line naming the field, not its value", () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const run = () =>
      parseJobPayload("email", "j2", emailJobSchema, {
        sealed: "ok",
        share: { id: 7, tokenHash: "SECRET-HASH" },
      });
    expect(run).toThrow(JobPayloadError);
    expect(run).toThrow(/share\.id: /);
    expect(logged).toHaveBeenCalledWith(
      { queue: "email", jobId: "j2", reason: expect.stringMatching(/^share\.id: /) },
      "job payload refused",
    );
    expect(JSON.stringify(logged.mock.calls)).not.toContain("SECRET-HASH");
    logged.mockRestore();
  });

  it("refuses a missing payload", () => {
    vi.spyOn(log, "error").mockImplementation(() => undefined);
    expect(() => parseJobPayload("notify", "j3", notifyJobSchema, null)).toThrow(/\(payload\): /);
    vi.restoreAllMocks();
  });
});

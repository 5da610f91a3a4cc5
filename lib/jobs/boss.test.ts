import { describe, expect, it } from "vitest";
import { bossOptions, queueTimings } from "./boss";

describe("queue timings", () => {
  it("default to a 60 s attempt timeout and maintenance every 30 s", () => {
    expect(queueTimings({})).toEqual({ expireInSeconds: 60, maintenanceIntervalSeconds: 30 });
  });

  it("take whole positive seconds from the environment and ignore anything else", () => {
    expect(
      queueTimings({ EMAIL_ATTEMPT_TIMEOUT_SECONDS: "5", QUEUE_MAINTENANCE_SECONDS: "1" }),
    ).toEqual({ expireInSeconds: 5, maintenanceIntervalSeconds: 1 });
    expect(
      queueTimings({ EMAIL_ATTEMPT_TIMEOUT_SECONDS: "0", QUEUE_MAINTENANCE_SECONDS: "2.5" }),
    ).toEqual({ expireInSeconds: 60, maintenanceIntervalSeconds: 30 });
    expect(queueTimings({ EMAIL_ATTEMPT_TIMEOUT_SECONDS: "soon" })).toEqual({
      expireInSeconds: 60,
      maintenanceIntervalSeconds: 30,
    });
  });

  it("only workers supervise (look for lost attempts)", () => {
    expect(bossOptions("postgresql://x@127.0.0.1/db", "worker").supervise).toBe(true);
    expect(bossOptions("postgresql://x@127.0.0.1/db", "sender").supervise).toBe(false);
  });
});

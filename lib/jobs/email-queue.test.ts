import { describe, expect, it } from "vitest";
import { jobIdForKey } from "./email-queue";

describe("idempotency keys", () => {
  it("map to a stable, valid UUID per key", () => {
    const id = jobIdForKey("share:abc:def");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobIdForKey("share:abc:def")).toBe(id);
    expect(jobIdForKey("share:abc:deg")).not.toBe(id);
  });
});

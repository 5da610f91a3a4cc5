import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

describe("incident list cursor", () => {
  it("round-trips", () => {
    const c = { startedAt: "2026-01-10T14:00:00.000Z", id: "cm1abc123", severity: "SEV2" as const };
    const raw = encodeCursor(c);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw)).toEqual(c);
    expect(decodeCursor(encodeCursor({ startedAt: c.startedAt, id: c.id }))).toEqual({
      startedAt: c.startedAt,
      id: c.id,
    });
  });

  it.each([
    ["not base64 json", "%%%"],
    ["garbage", "bm90IGpzb24"],
    ["bad date", encodeCursor({ startedAt: "yesterday", id: "a1" })],
    [
      "bad id",
      Buffer.from(JSON.stringify({ startedAt: "2026-01-10T14:00:00Z", id: "x'; drop" })).toString(
        "base64url",
      ),
    ],
    [
      "bad severity",
      Buffer.from(
        JSON.stringify({ startedAt: "2026-01-10T14:00:00Z", id: "a1", severity: "SEV9" }),
      ).toString("base64url"),
    ],
    ["too long", "a".repeat(600)],
  ])("rejects %s", (_name, raw) => {
    expect(decodeCursor(raw)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { inviteSchema, profileSchema, renameTeamSchema, timeZones } from "./schema";

describe("inviteSchema", () => {
  it("normalises the address and accepts editor or viewer", () => {
    expect(inviteSchema.parse({ email: "  Alice@Example.COM ", role: "EDITOR" })).toEqual({
      email: "alice@example.com",
      role: "EDITOR",
    });
  });
  it.each(["OWNER", "ADMIN", ""])("refuses role %j", (role) => {
    const r = inviteSchema.safeParse({ email: "a@example.com", role });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("Choose Editor or Viewer.");
  });
});

describe("profileSchema", () => {
  it("accepts IANA zones and UTC, and an empty choice as no zone", () => {
    expect(profileSchema.parse({ name: "Ana", timeZone: "America/Sao_Paulo" }).timeZone).toBe(
      "America/Sao_Paulo",
    );
    expect(profileSchema.parse({ name: "Ana", timeZone: "UTC" }).timeZone).toBe("UTC");
    expect(profileSchema.parse({ name: "Ana", timeZone: "" }).timeZone).toBeNull();
  });
  it.each(["Mars/Base", "utc+2", "x".repeat(65)])("refuses zone %j", (timeZone) => {
    expect(profileSchema.safeParse({ name: "Ana", timeZone }).success).toBe(false);
  });
  it("bounds the display name", () => {
    expect(profileSchema.safeParse({ name: "n".repeat(81), timeZone: "" }).success).toBe(false);
  });
  it("lists UTC first and no zone twice", () => {
    const zones = timeZones();
    expect(zones[0]).toBe("UTC");
    expect(new Set(zones).size).toBe(zones.length);
  });
});

describe("renameTeamSchema", () => {
  it("trims and bounds the name", () => {
    expect(renameTeamSchema.parse({ name: "  Core  " }).name).toBe("Core");
    expect(renameTeamSchema.safeParse({ name: " a " }).success).toBe(false);
  });
});

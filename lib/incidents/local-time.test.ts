import { describe, expect, it } from "vitest";
import { formatUtc, utcToZonedLocal, zonedDate, zonedLocalToUtc } from "./local-time";

describe("zonedLocalToUtc", () => {
  it.each([
    ["2026-01-10T14:02", "UTC", "2026-01-10T14:02:00.000Z"],
    ["2026-01-10T14:02", "Europe/Berlin", "2026-01-10T13:02:00.000Z"],
    ["2026-07-10T14:02", "Europe/Berlin", "2026-07-10T12:02:00.000Z"],
    ["2026-01-10 14:02:33", "America/New_York", "2026-01-10T19:02:33.000Z"],
    ["2026-01-10T00:30", "Asia/Kolkata", "2026-01-09T19:00:00.000Z"],
    ["2026-03-29T03:30", "Europe/Berlin", "2026-03-29T01:30:00.000Z"],
  ])("%s in %s → %s", (local, zone, iso) => {
    expect(zonedLocalToUtc(local, zone)?.toISOString()).toBe(iso);
  });

  it.each([["2026-02-30T10:00"], ["2026-01-10T24:00"], ["yesterday"], [""], ["2026-01-10T14:61"]])("rejects %s", (local) => {
    expect(zonedLocalToUtc(local, "UTC")).toBeNull();
  });

  it("rejects an unknown zone", () => {
    expect(zonedLocalToUtc("2026-01-10T14:02", "Mars/Olympus")).toBeNull();
  });
});

describe("utcToZonedLocal", () => {
  it("gives the datetime-local value in the zone and round-trips", () => {
    const d = new Date("2026-01-10T13:02:00Z");
    expect(utcToZonedLocal(d, "Europe/Berlin")).toBe("2026-01-10T14:02");
    expect(zonedLocalToUtc(utcToZonedLocal(d, "Pacific/Auckland"), "Pacific/Auckland")).toEqual(d);
    expect(zonedDate(new Date("2026-01-10T23:30:00Z"), "Asia/Tokyo")).toBe("2026-01-11");
  });
  it("formats UTC for tooltips", () => {
    expect(formatUtc(new Date("2026-01-10T13:02:05.123Z"))).toBe("2026-01-10 13:02:05 UTC");
  });
});

describe("formatters are created once per (locale, zone, options)", () => {
  it("reuses them across calls", async () => {
    const { dateTimeFormat, formatInZone } = await import("./local-time");
    const Original = Intl.DateTimeFormat;
    let created = 0;
    Intl.DateTimeFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        created += 1;
      }
    } as typeof Intl.DateTimeFormat;
    const at = new Date("2026-01-10T14:02:00Z");
    const texts = Array.from({ length: 50 }, (_, i) => formatInZone(new Date(at.getTime() + i * 60_000), "Pacific/Chatham", i % 2 === 0));
    utcToZonedLocal(at, "Pacific/Chatham");
    utcToZonedLocal(at, "Pacific/Chatham");
    // Two option sets (with and without seconds) plus the parts formatter: three, not 52.
    expect(created).toBe(3);
    expect(texts[0]).toBe("11 Jan 2026, 03:47:00");
    expect(dateTimeFormat("en-GB", { timeZone: "UTC" })).toBe(dateTimeFormat("en-GB", { timeZone: "UTC" }));
    expect(dateTimeFormat("en-GB", { timeZone: "UTC" })).not.toBe(dateTimeFormat("en-US", { timeZone: "UTC" }));
    Intl.DateTimeFormat = Original;
  });
});

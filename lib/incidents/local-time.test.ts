import { describe, expect, it } from "vitest";
import { incidentInputSchema } from "./schema";
import { formatUtc, utcToZonedLocal, yearProblem, zonedDate, zonedLocalToUtc } from "./local-time";
import { timelineEventInputSchema } from "@/lib/timeline/schema";

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

  it.each([["2026-02-30T10:00"], ["2026-01-10T24:00"], ["yesterday"], [""], ["2026-01-10T14:61"]])(
    "rejects %s",
    (local) => {
      expect(zonedLocalToUtc(local, "UTC")).toBeNull();
    },
  );

  // Date.UTC reads years 0–99 as 1900–1999: "0012" must not become 1912.
  it.each([
    ["0012-03-04T10:00", "UTC", "0012-03-04T10:00:00.000Z"],
    ["0099-12-31T23:59", "UTC", "0099-12-31T23:59:00.000Z"],
    ["1970-01-01T00:00", "UTC", "1970-01-01T00:00:00.000Z"],
  ])("keeps the year of %s", (local, zone, iso) => {
    expect(zonedLocalToUtc(local, zone)?.toISOString()).toBe(iso);
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
    const texts = Array.from({ length: 50 }, (_, i) =>
      formatInZone(new Date(at.getTime() + i * 60_000), "Pacific/Chatham", i % 2 === 0),
    );
    utcToZonedLocal(at, "Pacific/Chatham");
    utcToZonedLocal(at, "Pacific/Chatham");
    // Two option sets (with and without seconds) plus the parts formatter: three, not 52.
    expect(created).toBe(3);
    expect(texts[0]).toBe("11 Jan 2026, 03:47:00");
    expect(dateTimeFormat("en-GB", { timeZone: "UTC" })).toBe(
      dateTimeFormat("en-GB", { timeZone: "UTC" }),
    );
    expect(dateTimeFormat("en-GB", { timeZone: "UTC" })).not.toBe(
      dateTimeFormat("en-US", { timeZone: "UTC" }),
    );
    Intl.DateTimeFormat = Original;
  });
});

describe("years before 1970", () => {
  it("are refused with a field message by the incident and timeline forms", () => {
    expect(yearProblem("0026-01-10T14:02")).toBe("Enter a year from 1970 on.");
    expect(yearProblem("1970-01-01T00:00")).toBeNull();
    const incident = incidentInputSchema.safeParse({
      title: "x",
      severity: "SEV2",
      status: "INVESTIGATING",
      timeZone: "UTC",
      startedAt: "0026-01-10T14:02",
    });
    expect(incident.success).toBe(false);
    expect(incident.error?.issues).toEqual([
      expect.objectContaining({ path: ["startedAt"], message: "Enter a year from 1970 on." }),
    ]);
    const event = timelineEventInputSchema.safeParse({
      incidentId: "i",
      timeZone: "UTC",
      occurredAt: "0000-01-10T14:02",
      kind: "NOTE",
      body: "x",
    });
    expect(event.success).toBe(false);
    expect(event.error?.issues[0]).toMatchObject({
      path: ["occurredAt"],
      message: "Enter a year from 1970 on.",
    });
  });
});

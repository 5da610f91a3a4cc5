import { describe, expect, it } from "vitest";
import { incidentInputSchema, incidentListFiltersSchema, splitList } from "./schema";

const valid = {
  title: "Checkout errors",
  severity: "SEV2",
  status: "INVESTIGATING",
  timeZone: "Europe/Berlin",
  startedAt: "2026-01-10T15:00",
  detectedAt: "2026-01-10T15:04",
  summary: "",
  customerImpact: "",
  services: "checkout-api, postgres, checkout-api",
  tags: "",
  commanderId: "",
};

const fieldErrors = (input: Record<string, unknown>) => {
  const r = incidentInputSchema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("incident form schema", () => {
  it("reads times in the browser's zone and stores UTC", () => {
    const r = incidentInputSchema.parse(valid);
    expect(r.startedAt.toISOString()).toBe("2026-01-10T14:00:00.000Z");
    expect(r.detectedAt?.toISOString()).toBe("2026-01-10T14:04:00.000Z");
    expect(r.acknowledgedAt).toBeNull();
    expect(r.services).toEqual(["checkout-api", "postgres"]);
    expect(r.commanderId).toBeNull();
  });

  it("gives field-level messages", () => {
    expect(fieldErrors({ ...valid, title: " ", severity: "SEV9", startedAt: "" })).toEqual({
      title: "Enter a title.",
      severity: "Choose a severity.",
    });
    expect(fieldErrors({ ...valid, startedAt: "" })).toEqual({
      startedAt: "Enter when the incident started.",
    });
    expect(fieldErrors({ ...valid, detectedAt: "2026-01-10T14:00" })).toEqual({
      detectedAt: "Detected cannot be before started.",
    });
    expect(fieldErrors({ ...valid, mitigatedAt: "not a time" })).toEqual({
      mitigatedAt: "That is not a date and time.",
    });
    expect(fieldErrors({ ...valid, title: "x".repeat(201) })).toEqual({
      title: "Keep the title under 200 characters.",
    });
    expect(
      fieldErrors({ ...valid, tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(",") }),
    ).toEqual({ tags: "At most 20 tags." });
  });

  it("falls back to UTC for an unknown zone", () => {
    expect(
      incidentInputSchema
        .parse({ ...valid, timeZone: "Nowhere/Land", detectedAt: "" })
        .startedAt.toISOString(),
    ).toBe("2026-01-10T15:00:00.000Z");
  });

  it("splits lists", () => {
    expect(splitList(" a, b ,,a,  ")).toEqual(["a", "b"]);
  });
});

describe("list filters", () => {
  it("ignores bad values instead of failing", () => {
    expect(
      incidentListFiltersSchema.parse({
        status: "NOPE",
        severity: "SEV1",
        sort: "weird",
        from: "2026-13-45",
      }),
    ).toEqual({ severity: "SEV1", sort: "newest" });
  });
  it("makes the end date inclusive", () => {
    expect(incidentListFiltersSchema.parse({ to: "2026-01-10" }).to?.toISOString()).toBe(
      "2026-01-11T00:00:00.000Z",
    );
  });
});

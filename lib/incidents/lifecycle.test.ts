import { describe, expect, it } from "vitest";
import {
  formatDuration,
  incidentDurations,
  validateImpactWindow,
  validateLifecycle,
  type LifecycleTimes,
} from "./lifecycle";

const t = (hhmm: string) => new Date(`2026-01-10T${hhmm}:00Z`);
const base: LifecycleTimes = {
  startedAt: t("14:00"),
  detectedAt: null,
  acknowledgedAt: null,
  mitigatedAt: null,
  resolvedAt: null,
};
const now = new Date("2026-02-01T00:00:00Z");

describe("validateLifecycle", () => {
  const cases: [string, Partial<LifecycleTimes>, Record<string, string>][] = [
    [
      "all in order",
      {
        detectedAt: t("14:04"),
        acknowledgedAt: t("14:06"),
        mitigatedAt: t("14:38"),
        resolvedAt: t("15:11"),
      },
      {},
    ],
    [
      "equal times are fine",
      {
        detectedAt: t("14:00"),
        acknowledgedAt: t("14:00"),
        mitigatedAt: t("14:00"),
        resolvedAt: t("14:00"),
      },
      {},
    ],
    ["only start", {}, {}],
    [
      "detected before started",
      { detectedAt: t("13:59") },
      { detectedAt: "Detected cannot be before started." },
    ],
    [
      "acknowledged before detected",
      { detectedAt: t("14:10"), acknowledgedAt: t("14:05") },
      { acknowledgedAt: "Acknowledged cannot be before detected." },
    ],
    [
      "mitigated before started",
      { mitigatedAt: t("13:00") },
      { mitigatedAt: "Mitigated cannot be before started." },
    ],
    [
      "resolved before mitigated",
      { mitigatedAt: t("15:00"), resolvedAt: t("14:30") },
      { resolvedAt: "Resolved cannot be before mitigated." },
    ],
    [
      "resolved before started, gaps allowed",
      { resolvedAt: t("13:30") },
      { resolvedAt: "Resolved cannot be before started." },
    ],
    [
      "mitigated before acknowledged",
      { acknowledgedAt: t("14:20"), mitigatedAt: t("14:10") },
      { mitigatedAt: "Mitigated cannot be before acknowledged." },
    ],
    [
      "several at once",
      { detectedAt: t("13:00"), resolvedAt: t("12:00") },
      {
        detectedAt: "Detected cannot be before started.",
        resolvedAt: "Resolved cannot be before started.",
      },
    ],
  ];
  it.each(cases)("%s", (_name, times, errors) => {
    expect(validateLifecycle({ ...base, ...times }, now)).toEqual(errors);
  });

  it("refuses times in the future", () => {
    expect(
      validateLifecycle({ ...base, startedAt: new Date("2026-03-01T00:00:00Z") }, now),
    ).toEqual({ startedAt: "Started cannot be in the future." });
  });
});

describe("formatDuration", () => {
  it.each([
    [null, "—"],
    [-1000, "—"],
    [0, "0 s"],
    [45_000, "45 s"],
    [60_000, "1 min"],
    [4 * 60_000, "4 min"],
    [59 * 60_000 + 20_000, "59 min"],
    [60 * 60_000, "1 h"],
    [72 * 60_000, "1 h 12 min"],
    [24 * 3600_000, "1 d"],
    [(2 * 24 + 3) * 3600_000 + 10 * 60_000, "2 d 3 h"],
  ])("%s ms → %s", (ms, text) => {
    expect(formatDuration(ms as number | null)).toBe(text);
  });
});

describe("incidentDurations: the one rule for every view and export", () => {
  it("measures detect, mitigate and resolve from the start; missing times give null", () => {
    expect(incidentDurations({ ...base, detectedAt: t("14:04"), mitigatedAt: t("14:38") })).toEqual(
      {
        toDetect: 4 * 60_000,
        toAcknowledge: null,
        toMitigate: 38 * 60_000,
        toResolve: null,
        customerImpact: null,
      },
    );
  });

  it("measures acknowledge from detection, or from the start when detection was not recorded", () => {
    expect(
      incidentDurations({ ...base, detectedAt: t("14:04"), acknowledgedAt: t("14:06") })
        .toAcknowledge,
    ).toBe(2 * 60_000);
    expect(incidentDurations({ ...base, acknowledgedAt: t("14:06") }).toAcknowledge).toBe(
      6 * 60_000,
    );
  });

  it("gives null instead of a negative figure", () => {
    expect(incidentDurations({ ...base, detectedAt: t("13:50") }).toDetect).toBeNull();
    expect(
      incidentDurations({ ...base, startedAt: null, resolvedAt: t("15:00") }).toResolve,
    ).toBeNull();
  });

  it("measures acknowledgement from detection, and the impact window on its own", () => {
    const d = incidentDurations({
      ...base,
      detectedAt: t("14:04"),
      acknowledgedAt: t("14:10"),
      resolvedAt: t("23:00"),
      impactStartedAt: t("13:00"),
      impactEndedAt: t("19:00"),
    });
    expect(d.toAcknowledge).toBe(6 * 60_000);
    // Six hours of impact, although the incident was open for nine.
    expect(d.customerImpact).toBe(6 * 3600_000);
    expect(d.toResolve).toBe(9 * 3600_000);
  });

  it("refuses an impact window that ends before it starts or has no start", () => {
    expect(
      validateImpactWindow({ impactStartedAt: t("15:00"), impactEndedAt: t("14:00") }),
    ).toEqual({ impactEndedAt: "Impact end cannot be before impact start." });
    expect(validateImpactWindow({ impactStartedAt: null, impactEndedAt: t("14:00") })).toEqual({
      impactEndedAt: "Enter when customer impact started, too.",
    });
    expect(validateImpactWindow({ impactStartedAt: t("13:00"), impactEndedAt: null })).toEqual({});
  });
});

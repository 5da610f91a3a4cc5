import { describe, expect, it } from "vitest";
import { fixture } from "./fixtures";
import { parseAlerts } from "./parse";
import { DEFAULT_SEVERITY_RULES, parseRuleLines, ruleLines, severityFor } from "./rules";

const now = new Date("2026-12-01T12:00:00Z");

describe("documented payloads", () => {
  it("Alertmanager v4: one alert per entry, fingerprint and group key, resolved with its end", () => {
    const [firing] = parseAlerts("ALERTMANAGER", fixture("alertmanager-v4-firing.json"));
    expect(firing).toMatchObject({
      fingerprint: "1a30ba71cca2921f",
      groupKey: '{}/{severity="critical"}:{alertname="ProbeFailure"}',
      status: "firing",
      title: "BlackBox Probe Failure: https://server.example.org",
      endsAt: null,
    });
    expect(firing!.startsAt.toISOString()).toBe("2023-02-06T13:08:45.828Z");
    expect(severityFor(firing!.labels, DEFAULT_SEVERITY_RULES, "SEV3")).toBe("SEV1");
    const [resolved] = parseAlerts("ALERTMANAGER", fixture("alertmanager-v4-resolved.json"));
    expect(resolved).toMatchObject({ status: "resolved", fingerprint: "1a30ba71cca2921f" });
    expect(resolved!.endsAt?.toISOString()).toBe("2023-02-06T13:25:15.828Z");
  });

  it("Grafana contact point: both alerts of the group, by fingerprint, summary as title", () => {
    const alerts = parseAlerts("GRAFANA", fixture("grafana-firing.json"));
    expect(alerts.map((a) => [a.fingerprint, a.title, a.groupKey])).toEqual([
      ["c6eadffa33fcdf37", "This alert was triggered for zone us-1", "{}:{}"],
      ["bc97ff14869b13e3", "This alert was triggered for zone eu-1", "{}:{}"],
    ]);
    expect(alerts[0]!.startsAt.toISOString()).toBe("2021-10-12T07:51:03.157Z");
    expect(severityFor(alerts[0]!.labels, DEFAULT_SEVERITY_RULES, "SEV3")).toBe("SEV3");
  });

  it("Kapacitor: id is the fingerprint, level the severity, OK resolves", () => {
    const [crit] = parseAlerts("KAPACITOR", fixture("kapacitor-critical.json"));
    expect(crit).toMatchObject({
      fingerprint: "tenant-00:resource-002:cpu:used",
      status: "firing",
      title: "tenant-00:resource-002:cpu:used is CRITICAL",
    });
    expect(crit!.labels).toMatchObject({
      severity: "critical",
      env: "stage",
      resourceId: "resource-002",
    });
    const [ok] = parseAlerts("KAPACITOR", fixture("kapacitor-ok.json"));
    expect(ok).toMatchObject({ status: "resolved", fingerprint: crit!.fingerprint });
  });

  it("Sentry issue alert: one alert per issue, event title, web link, level as severity", () => {
    const [a] = parseAlerts("SENTRY", fixture("sentry-event-alert.json"));
    expect(a).toMatchObject({
      fingerprint: "sentry-issue-1117540176",
      status: "firing",
      title: "ReferenceError: heck is not defined",
      url: "https://sentry.io/organizations/test-org/issues/1117540176/events/e4874d664c3540c1a32eab185f12c5ab/",
    });
    expect(a!.description).toContain("Rule: Very Important Alert Rule!");
    expect(severityFor(a!.labels, DEFAULT_SEVERITY_RULES, "SEV4")).toBe("SEV2");
    expect(a!.labels.browser).toBe("Chrome 75.0.3770");
  });

  it("generic JSON: single or a list; resolved without endedAt ends now", () => {
    const [f] = parseAlerts("GENERIC", fixture("generic-firing.json"), now);
    expect(f).toMatchObject({
      fingerprint: "checkout-latency-eu",
      groupKey: "checkout",
      labels: { severity: "critical", service: "checkout", region: "eu-west-1" },
    });
    const [r] = parseAlerts("GENERIC", fixture("generic-resolved.json"), now);
    expect(r!.endsAt?.toISOString()).toBe("2026-11-30T09:41:00.000Z");
    const list = parseAlerts(
      "GENERIC",
      { alerts: [{ status: "resolved", id: "x", title: "X" }] },
      now,
    );
    expect(list[0]!.endsAt).toEqual(now);
  });
});

describe("malformed payloads name the wrong field", () => {
  const issues = (kind: Parameters<typeof parseAlerts>[0], body: unknown) => {
    try {
      parseAlerts(kind, body);
      return [];
    } catch (error) {
      return (error as { issues: { path: (string | number)[] }[] }).issues.map((i) =>
        i.path.join("."),
      );
    }
  };
  it("for each tool", () => {
    expect(
      issues("ALERTMANAGER", { ...fixture("alertmanager-v4-firing.json"), alerts: [] }),
    ).toEqual(["alerts"]);
    expect(
      issues("ALERTMANAGER", {
        groupKey: "g",
        status: "burning",
        alerts: [{ status: "firing", startsAt: "x" }],
      }),
    ).toEqual(["status", "alerts.0.startsAt"]);
    expect(issues("KAPACITOR", { ...fixture("kapacitor-critical.json"), level: "PANIC" })).toEqual([
      "level",
    ]);
    expect(issues("SENTRY", { action: "resolved", data: {} })).toEqual(["action", "data.event"]);
    expect(issues("GENERIC", { status: "firing", title: "No id" })).toContain("id");
    expect(issues("GRAFANA", "not an object")).toEqual([""]);
  });
  it("times a database cannot store are refused at their field (found by lib/security/fuzz)", () => {
    const generic = fixture("generic-firing.json");
    expect(issues("GENERIC", { ...generic, startedAt: "-010000-01-01T00:00:00Z" })).toEqual([
      "startedAt",
    ]);
    expect(
      issues("KAPACITOR", { ...fixture("kapacitor-critical.json"), time: "1969-12-31T23:59:59Z" }),
    ).toEqual(["time"]);
    const sentry = fixture("sentry-event-alert.json") as {
      data: { event: Record<string, unknown> };
    };
    const event = { ...sentry.data.event, datetime: undefined, timestamp: 1e300 };
    expect(issues("SENTRY", { ...sentry, data: { ...sentry.data, event } })).toEqual([
      "data.event.timestamp",
    ]);
    // Alertmanager's "not ended" zero time stays accepted.
    expect(issues("ALERTMANAGER", fixture("alertmanager-v4-firing.json"))).toEqual([]);
  });
});

describe("severity rules", () => {
  it("first matching rule wins, case-insensitive; else the default", () => {
    const rules = [
      { label: "team", value: "payments", severity: "SEV1" as const },
      ...DEFAULT_SEVERITY_RULES,
    ];
    expect(severityFor({ team: "Payments", severity: "info" }, rules, "SEV3")).toBe("SEV1");
    expect(severityFor({ severity: "WARNING" }, rules, "SEV4")).toBe("SEV3");
    expect(severityFor({ foo: "bar" }, rules, "SEV4")).toBe("SEV4");
  });
  it("round-trip as lines and name the wrong line", () => {
    expect(parseRuleLines(ruleLines(DEFAULT_SEVERITY_RULES))).toEqual({
      ok: true,
      rules: DEFAULT_SEVERITY_RULES,
    });
    expect(parseRuleLines("# comment\nenv=prod -> sev2")).toEqual({
      ok: true,
      rules: [{ label: "env", value: "prod", severity: "SEV2" }],
    });
    expect(parseRuleLines("severity=critical SEV1\nnonsense")).toMatchObject({
      ok: false,
      message: expect.stringContaining("Line 2"),
    });
  });
});

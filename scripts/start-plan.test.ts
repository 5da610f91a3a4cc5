import { describe, expect, it } from "vitest";
import { localProbeHost, startPlan } from "./start-plan";

describe("startPlan (where npm start listens)", () => {
  it("listens on loopback only by default, with or without SMTP", () => {
    expect(startPlan({}, 3000)).toEqual({
      ok: true,
      host: "127.0.0.1",
      appUrl: "http://localhost:3000",
    });
    expect(startPlan({ SMTP_URL: "smtp://mail:25" }, 3000)).toMatchObject({
      ok: true,
      host: "127.0.0.1",
    });
  });

  it.each(["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"])(
    "accepts the loopback HOST %s without SMTP_URL",
    (HOST) => {
      expect(startPlan({ HOST }, 3000)).toMatchObject({ ok: true, host: HOST });
    },
  );

  it.each(["0.0.0.0", "::", "10.0.0.5", "hindsight.example.com"])(
    "refuses HOST=%s without SMTP_URL, naming the variable",
    (HOST) => {
      const plan = startPlan({ HOST }, 3000);
      expect(plan.ok).toBe(false);
      if (!plan.ok) {
        expect(plan.error).toContain("SMTP_URL");
        expect(plan.error).toContain(`HOST=${HOST}`);
        expect(plan.error).not.toContain("\n");
      }
    },
  );

  it("refuses a public HOST without APP_URL, and accepts it with both", () => {
    const plan = startPlan({ HOST: "0.0.0.0", SMTP_URL: "smtp://mail:25" }, 3000);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.error).toContain("APP_URL");
    expect(
      startPlan(
        { HOST: "0.0.0.0", SMTP_URL: "smtp://mail:25", APP_URL: "https://h.example" },
        3000,
      ),
    ).toEqual({ ok: true, host: "0.0.0.0", appUrl: "https://h.example" });
  });

  it("probes readiness on an address the server answers", () => {
    expect(localProbeHost("0.0.0.0")).toBe("127.0.0.1");
    expect(localProbeHost("::1")).toBe("[::1]");
    expect(localProbeHost("127.0.0.1")).toBe("127.0.0.1");
  });
});

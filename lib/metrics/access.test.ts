import { describe, expect, it } from "vitest";
import { metricsAccess } from "./access";
import { methodLabel, routeLabel } from "./http";

describe("who may scrape /api/metrics", () => {
  const token = "0123456789abcdef-metrics";
  it.each([
    [undefined, `Bearer ${token}`, "not-configured"],
    ["", `Bearer ${token}`, "not-configured"],
    [token, null, "unauthorized"],
    [token, "", "unauthorized"],
    [token, token, "unauthorized"],
    [token, `Basic ${token}`, "unauthorized"],
    [token, "Bearer wrong", "unauthorized"],
    [token, `Bearer ${token}x`, "unauthorized"],
    [token, `Bearer ${token}`, "allowed"],
    [token, `bearer   ${token}`, "allowed"],
  ] as const)("configured %o, header %o → %s", (configured, header, expected) => {
    expect(metricsAccess(configured, header)).toBe(expected);
  });
});

describe("route labels keep the number of series bounded", () => {
  it.each([
    ["/", 200, "/"],
    ["/incidents?status=OPEN&cursor=abc", 200, "/incidents"],
    ["/incidents/cm4x1y2z3a4b5c6d7e8f9g0h/whys", 200, "/incidents/[id]/whys"],
    [
      "/incidents/cm4x1y2z3a4b5c6d7e8f9g0h/timeline/cm9z8y7x6w5v4u3t2s1r0q9p",
      303,
      "/incidents/[id]/timeline/[id]",
    ],
    ["/r/Zk3v_0aQ-9pLmN2bVcXz8yT1uWq4eRs6dFg7hJk5lMo", 200, "/r/[id]"],
    ["/api/v1/incidents/42", 200, "/api/v1/incidents/[id]"],
    ["/api/v1/tokens/123e4567-e89b-12d3-a456-426614174000", 200, "/api/v1/tokens/[id]"],
    ["/_next/static/chunks/app-3f2a9c.js", 200, "/_next/static"],
    ["/_next/image?url=x", 200, "/_next"],
    ["/wp-login.php", 404, "(not found)"],
    ["/incidents/whatever", 404, "(not found)"],
    ["/action-items", 200, "/action-items"],
  ] as const)("%s (%i) → %s", (url, status, label) => {
    expect(routeLabel(url, status)).toBe(label);
  });

  it("names server actions apart from other POSTs", () => {
    expect(methodLabel({ method: "POST", headers: { "next-action": "7f3a" } })).toBe("ACTION");
    expect(methodLabel({ method: "POST", headers: {} })).toBe("POST");
    expect(methodLabel({ method: "GET", headers: {} })).toBe("GET");
  });
});

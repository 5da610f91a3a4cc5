import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  DRAWING_CSP,
  FILE_CSP,
  filePolicy,
  newNonce,
  securityHeaders,
} from "./headers";

describe("security headers", () => {
  it("allows scripts only with the request's nonce, never inline or eval in production", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", https: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("sends HSTS and upgrades requests only over https", () => {
    expect(securityHeaders({ nonce: "n", https: true })["Strict-Transport-Security"]).toMatch(
      /max-age=\d{8}/,
    );
    expect(
      securityHeaders({ nonce: "n", https: false })["Strict-Transport-Security"],
    ).toBeUndefined();
    expect(contentSecurityPolicy({ nonce: "n", https: true })).toContain(
      "upgrade-insecure-requests",
    );
  });

  it("lets sign-in forms post to configured providers only", () => {
    expect(
      contentSecurityPolicy({ nonce: "n", https: false, formTargets: ["https://github.com"] }),
    ).toContain("form-action 'self' https://github.com");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });

  it("gives file routes a policy that loads and runs nothing, and pages their own", () => {
    expect(filePolicy("/api/attachments/att1")).toBe(FILE_CSP);
    expect(filePolicy("/api/logos/logo1")).toBe(FILE_CSP);
    expect(filePolicy("/r/tok/files/att1")).toBe(FILE_CSP);
    expect(filePolicy("/r/tok/diagram.svg")).toBe(DRAWING_CSP);
    expect(filePolicy("/portal/reports/v1/diagram.svg")).toBe(DRAWING_CSP);
    for (const page of [
      "/r/tok",
      "/r/tok/print",
      "/portal/reports/v1",
      "/api/attachments",
      "/r/tok/files/a/b",
    ])
      expect(filePolicy(page)).toBeNull();
    for (const policy of [FILE_CSP, DRAWING_CSP]) {
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("sandbox");
      expect(policy).not.toContain("script-src");
    }
  });
});

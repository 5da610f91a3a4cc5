import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./headers";

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
});

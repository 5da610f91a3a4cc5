import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-url";

const APP = "https://hindsight.example.com";

// Known open-redirect bypasses (PortSwigger, OWASP, PayloadsAllTheThings): every one must fall back to "/".
const BYPASSES = [
  "//evil.example",
  "//evil.example/phish",
  "///evil.example",
  "////evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/\\/evil.example",
  "/%09/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/%0a/evil.example",
  "/%0d/evil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "/%252F/evil.example",
  "/%25252F%25252Fevil.example",
  "/%255Cevil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/%2e%2e//evil.example",
  "/./\\evil.example",
  "https:evil.example",
  "https:/evil.example",
  "https://evil.example",
  "http://evil.example",
  "HTTPS://evil.example",
  "//hindsight.example.com@evil.example",
  "https://hindsight.example.com@evil.example",
  "https://user:pass@hindsight.example.com/",
  "https://evil.example/https://hindsight.example.com",
  "https://hindsight.example.com.evil.example/",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "/javascript:alert(1)//%0a/evil.example",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "evil.example",
  "@evil.example",
  "/\u0000//evil.example",
  "/%00//evil.example",
  "\u3002/evil.example",
  "/" + "a".repeat(3000),
  "",
];

describe("safeReturnPath", () => {
  it.each(BYPASSES)("refuses %j", (value) => {
    expect(safeReturnPath(value, { appOrigin: APP })).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/incidents", "/incidents"],
    ["/incidents/abc/report?tab=review#comments", "/incidents/abc/report?tab=review#comments"],
    ["/invitations/cm123", "/invitations/cm123"],
    ["/r/tok_en-123", "/r/tok_en-123"],
    ["/incidents?q=a%2Fb%5Cc", "/incidents?q=a%2Fb%5Cc"],
    ["/@evil.example", "/@evil.example"],
    ["/incidents/./x", "/incidents/x"],
    ["https://hindsight.example.com/incidents?x=1", "/incidents?x=1"],
  ])("keeps the same-site path %j as %j", (value, expected) => {
    expect(safeReturnPath(value, { appOrigin: APP })).toBe(expected);
  });

  it("uses the given fallback and refuses absolute URLs when no app origin is given", () => {
    expect(safeReturnPath("//evil.example", { fallback: "/incidents" })).toBe("/incidents");
    expect(safeReturnPath("https://hindsight.example.com/incidents")).toBe("/");
    expect(safeReturnPath(undefined)).toBe("/");
    expect(safeReturnPath(42)).toBe("/");
  });

  it("tries at least 50 known bypasses", () => {
    expect(BYPASSES.length).toBeGreaterThanOrEqual(50);
  });
});

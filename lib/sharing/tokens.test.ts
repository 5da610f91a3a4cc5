import { describe, expect, it } from "vitest";
import {
  expiryFrom,
  generateShareToken,
  hashesMatch,
  hashShareToken,
  isWellFormedToken,
  lifetimeProblem,
  linkState,
  maskEmail,
  modeProblem,
} from "./tokens";

describe("share tokens", () => {
  it("are 256-bit base64url strings, unique, stored as their SHA-256", () => {
    const a = generateShareToken();
    const b = generateShareToken();
    expect(Buffer.from(a.token, "base64url")).toHaveLength(32);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.tokenHash).toBe(hashShareToken(a.token));
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.tokenHash).not.toContain(a.token);
  });

  it("compares hashes in constant time and refuses malformed ones", () => {
    const { tokenHash } = generateShareToken();
    expect(hashesMatch(tokenHash, tokenHash)).toBe(true);
    expect(hashesMatch(tokenHash, generateShareToken().tokenHash)).toBe(false);
    expect(hashesMatch(tokenHash, "abc")).toBe(false);
    expect(hashesMatch("", "")).toBe(false);
  });

  it("checks the token's shape before any lookup", () => {
    expect(isWellFormedToken(generateShareToken().token)).toBe(true);
    expect(isWellFormedToken("short")).toBe(false);
    expect(isWellFormedToken(`${"a".repeat(42)}/`)).toBe(false);
  });
});

describe("link state with an injected clock", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  const expiresAt = expiryFrom(now, 7);

  it("expires exactly at expiresAt", () => {
    expect(expiresAt.toISOString()).toBe("2026-03-08T12:00:00.000Z");
    expect(linkState({ expiresAt, revokedAt: null }, now)).toBe("active");
    expect(linkState({ expiresAt, revokedAt: null }, new Date(expiresAt.getTime() - 1))).toBe(
      "active",
    );
    expect(linkState({ expiresAt, revokedAt: null }, expiresAt)).toBe("expired");
  });

  it("treats revocation as effective from its moment, ahead of expiry", () => {
    const revokedAt = new Date("2026-03-02T00:00:00Z");
    expect(linkState({ expiresAt, revokedAt }, new Date("2026-03-01T23:59:59Z"))).toBe("active");
    expect(linkState({ expiresAt, revokedAt }, revokedAt)).toBe("revoked");
    expect(linkState({ expiresAt, revokedAt }, new Date("2026-04-01T00:00:00Z"))).toBe("revoked");
  });
});

describe("lifetime and mode policy", () => {
  it.each([
    [1, 90, null],
    [90, 90, null],
    [91, 90, "Links may last at most 90 days (team policy)."],
    [0, 90, "Choose a lifetime of at least one day."],
    [1.5, 90, "Choose a lifetime of at least one day."],
  ])("%s days with a %s-day maximum", (days, max, problem) => {
    expect(lifetimeProblem(days, { shareLinkMaxDays: max })).toBe(problem);
  });

  it("refuses anonymous links when the team does not allow them", () => {
    expect(modeProblem("ANYONE_WITH_LINK", { allowAnonymousShareLink: false })).toMatch(
      /confirm their email/,
    );
    expect(modeProblem("CONFIRM_EMAIL", { allowAnonymousShareLink: false })).toBeNull();
    expect(modeProblem("ANYONE_WITH_LINK", { allowAnonymousShareLink: true })).toBeNull();
  });

  it("masks a recipient's address", () => {
    expect(maskEmail("jane.doe@example.com")).toBe("j•••@example.com");
  });
});

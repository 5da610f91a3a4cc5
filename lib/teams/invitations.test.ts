import { describe, expect, it } from "vitest";
import {
  daysUntilExpiry,
  INVITATION_TTL_DAYS,
  invitationExpiresAt,
  invitationProblem,
  invitationState,
  sameEmail,
} from "./invitations";

const created = new Date("2026-03-01T10:00:00Z");
const at = (iso: string) => new Date(iso);

describe("invitation expiry", () => {
  it("lasts 14 days from creation", () => {
    expect(INVITATION_TTL_DAYS).toBe(14);
    expect(invitationExpiresAt(created).toISOString()).toBe("2026-03-15T10:00:00.000Z");
  });

  it.each([
    ["just created", "2026-03-01T10:00:00Z", "pending"],
    ["a second before expiry", "2026-03-15T09:59:59Z", "pending"],
    ["at expiry", "2026-03-15T10:00:00Z", "expired"],
    ["long after", "2026-06-01T00:00:00Z", "expired"],
  ])("is %s → %s", (_label, now, state) => {
    expect(
      invitationState({ createdAt: created, acceptedAt: null, revokedAt: null }, at(now)),
    ).toBe(state);
  });

  it("reports accepted and revoked before expiry", () => {
    const later = at("2026-05-01T00:00:00Z");
    expect(
      invitationState(
        { createdAt: created, acceptedAt: at("2026-03-02T00:00:00Z"), revokedAt: null },
        later,
      ),
    ).toBe("accepted");
    expect(
      invitationState(
        { createdAt: created, acceptedAt: null, revokedAt: at("2026-03-02T00:00:00Z") },
        later,
      ),
    ).toBe("revoked");
  });

  it("counts whole days left, rounding up, never below zero", () => {
    expect(daysUntilExpiry(created, created)).toBe(14);
    expect(daysUntilExpiry(created, at("2026-03-14T12:00:00Z"))).toBe(1);
    expect(daysUntilExpiry(created, at("2026-04-01T00:00:00Z"))).toBe(0);
  });

  it("explains each state that cannot be accepted", () => {
    expect(invitationProblem("pending")).toBeNull();
    expect(invitationProblem("expired")).toMatch(/expired/);
    expect(invitationProblem("revoked")).toMatch(/withdrawn/);
    expect(invitationProblem("accepted")).toMatch(/already been accepted/);
  });
});

describe("sameEmail", () => {
  it("ignores case and surrounding spaces", () =>
    expect(sameEmail(" Alice@Example.COM", "alice@example.com")).toBe(true));
  it("tells different addresses apart", () =>
    expect(sameEmail("alice@example.com", "alice@example.org")).toBe(false));
});

import { describe, expect, it } from "vitest";
import {
  SESSION_MAX_AGE_SECONDS,
  SESSION_UPDATE_AGE_SECONDS,
  sessionCookieName,
  sessionFreshness,
} from "./session-token";

const now = Date.parse("2026-12-03T12:00:00Z");
const at = (secondsFromNow: number) => new Date(now + secondsFromNow * 1000);

describe("sessionCookieName", () => {
  it("is Auth.js's cookie, __Secure- prefixed over https only", () => {
    expect(sessionCookieName("http://localhost:3000")).toBe("authjs.session-token");
    expect(sessionCookieName("https://hindsight.example.com")).toBe(
      "__Secure-authjs.session-token",
    );
  });
});

describe("sessionFreshness (what Auth.js would do with the session)", () => {
  it("leaves a session alone until a day has passed since it was last extended", () => {
    expect(sessionFreshness(at(SESSION_MAX_AGE_SECONDS), now)).toBe("fresh");
    expect(
      sessionFreshness(at(SESSION_MAX_AGE_SECONDS - SESSION_UPDATE_AGE_SECONDS + 1), now),
    ).toBe("fresh");
  });

  it("renews it once the update age has passed (Auth.js's own formula)", () => {
    expect(sessionFreshness(at(SESSION_MAX_AGE_SECONDS - SESSION_UPDATE_AGE_SECONDS), now)).toBe(
      "renew",
    );
    expect(sessionFreshness(at(60), now)).toBe("renew");
    expect(sessionFreshness(at(0), now)).toBe("renew");
  });

  it("deletes an expired session (and an unreadable date)", () => {
    expect(sessionFreshness(at(-1), now)).toBe("expired");
    expect(sessionFreshness(new Date(Number.NaN), now)).toBe("expired");
  });
});

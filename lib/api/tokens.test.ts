import { describe, expect, it } from "vitest";
import { credentialFrom, displayPrefix, generateSecret, hashSecret, safeEqual } from "./tokens";

const h = (o: Record<string, string>) => new Headers(o);

describe("secrets", () => {
  it("are random, prefixed, and hashed with SHA-256", () => {
    const a = generateSecret();
    expect(a).toMatch(/^hs_[A-Za-z0-9_-]{43}$/);
    expect(generateSecret()).not.toBe(a);
    expect(hashSecret("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(displayPrefix("hs_abcdefghij")).toBe("hs_abcdef…");
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });

  it("are read from Bearer, Basic (password or user) and X-Hindsight-Token headers", () => {
    expect(credentialFrom(h({ authorization: "Bearer hs_x" }))).toBe("hs_x");
    expect(
      credentialFrom(
        h({ authorization: `Basic ${Buffer.from("alertmanager:hs_pw").toString("base64")}` }),
      ),
    ).toBe("hs_pw");
    expect(
      credentialFrom(h({ authorization: `Basic ${Buffer.from("hs_user:").toString("base64")}` })),
    ).toBe("hs_user");
    expect(credentialFrom(h({ "x-hindsight-token": "hs_y" }))).toBe("hs_y");
    expect(credentialFrom(h({ authorization: "Token abc" }))).toBeNull();
    expect(credentialFrom(h({}))).toBeNull();
  });
});

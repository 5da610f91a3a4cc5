import { describe, expect, it } from "vitest";
import { seal, unseal } from "./seal";

const secret = "unit-test-secret-0123456789abcdef";

describe("sealed job payloads", () => {
  it("round-trips and hides the content", () => {
    const mail = { to: "a@example.test", text: "https://app/r/SECRET-TOKEN" };
    const sealed = seal(mail, secret);
    expect(sealed).not.toContain("SECRET-TOKEN");
    expect(unseal(sealed, secret)).toEqual(mail);
  });

  it("uses a fresh nonce each time", () => {
    expect(seal("x", secret)).not.toBe(seal("x", secret));
  });

  it("refuses a payload sealed with another secret or tampered with", () => {
    const sealed = seal({ a: 1 }, secret);
    expect(() => unseal(sealed, "another-secret-0123456789abcdef")).toThrow();
    const bytes = Buffer.from(sealed, "base64url");
    bytes[bytes.length - 1] ^= 1;
    expect(() => unseal(bytes.toString("base64url"), secret)).toThrow();
  });
});

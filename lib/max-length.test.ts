import { z } from "zod";
import { describe, expect, it } from "vitest";
import { maxLengthOf } from "./max-length";

describe("maxLengthOf", () => {
  it("reads a string schema's maximum through the usual wrappers", () => {
    expect(maxLengthOf(z.string().trim().max(80))).toBe(80);
    expect(maxLengthOf(z.string().max(200).optional())).toBe(200);
    expect(maxLengthOf(z.string().max(5_000).default(""))).toBe(5_000);
    expect(maxLengthOf(z.string().trim().max(200).catch(""))).toBe(200);
    expect(maxLengthOf(z.preprocess((v) => v, z.string().max(40)))).toBe(40);
    expect(maxLengthOf(z.string().max(64).nullable())).toBe(64);
  });

  it("throws for a schema without a maximum, so a form cannot lose its limit silently", () => {
    expect(() => maxLengthOf(z.string())).toThrow(/no maximum/);
    expect(() => maxLengthOf(z.number().max(3))).toThrow(/no maximum/);
  });
});

describe("maxLengthOf on a transformed string", () => {
  it("reads the maximum checked before the transform", () => {
    expect(
      maxLengthOf(
        z
          .string()
          .trim()
          .max(2000)
          .transform((s) => s || null),
      ),
    ).toBe(2000);
  });
});

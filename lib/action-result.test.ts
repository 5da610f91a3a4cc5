import { describe, expect, it } from "vitest";
import { z } from "zod";
import { addFieldError, invalid } from "./action-result";
import { nulFieldErrors } from "./server/input-guard";

// Field names come from requests: "__proto__" must be an ordinary key, not the prototype
// (found by lib/security/fuzz: a JSON body with a "__proto__" key made the API answer 500).
describe("field errors keyed by request-supplied names", () => {
  it("'__proto__' becomes an own field, serialized like any other", () => {
    const errors: Record<string, string[] | undefined> = {};
    addFieldError(errors, "__proto__", "Unknown field.");
    addFieldError(errors, "__proto__", "Twice.");
    addFieldError(errors, "title", "Enter a title.");
    expect(Object.keys(errors)).toEqual(["__proto__", "title"]);
    expect(JSON.parse(JSON.stringify(errors))).toEqual(
      JSON.parse('{"__proto__":["Unknown field.","Twice."],"title":["Enter a title."]}'),
    );
    expect(Object.getPrototypeOf(errors)).toBe(Object.prototype);
  });

  it("a zod issue at a '__proto__' path becomes that field's message", () => {
    const error = new z.ZodError([
      { code: "custom", path: ["__proto__"], message: "Bad.", input: 1 },
    ]);
    const result = invalid(error) as { fieldErrors: Record<string, string[]> };
    expect(Object.keys(result.fieldErrors)).toEqual(["__proto__"]);
    expect(Object.getOwnPropertyDescriptor(result.fieldErrors, "__proto__")?.value).toEqual([
      "Bad.",
    ]);
  });

  it("a NUL byte in a '__proto__' field is still refused", () => {
    expect(nulFieldErrors(JSON.parse('{"__proto__":"a\\u0000b"}'))).toEqual(
      JSON.parse('{"__proto__":["Contains a character that is not allowed (NUL)."]}'),
    );
  });
});

import { describe, expect, it } from "vitest";
import { assembleDocument } from "./assemble";

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe("assembleDocument", () => {
  it("gives the same bytes as rendering the fragment into the string", () => {
    const fragment = "<p>Ünïcödé — “quotes” 💥 &amp; more</p>";
    const render = (html: string) => `<!DOCTYPE html><title>Ä</title><main>${html}</main>`;
    const bytes = assembleDocument(render, new TextEncoder().encode(fragment));
    expect(decode(bytes)).toBe(render(fragment));
    expect(bytes).toEqual(new TextEncoder().encode(render(fragment)));
  });

  it("refuses a document that drops or repeats the fragment", () => {
    const fragment = new TextEncoder().encode("<p>x</p>");
    expect(() => assembleDocument(() => "<main></main>", fragment)).toThrow(/exactly once/);
    expect(() => assembleDocument((h) => h + h, fragment)).toThrow(/exactly once/);
  });
});

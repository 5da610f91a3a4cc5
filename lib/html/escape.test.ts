import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "./escape";

describe("escapeHtml", () => {
  it("escapes the five characters that can end text or an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("leaves other text alone, including already-escaped-looking text (escapes it again)", () => {
    expect(escapeHtml("Plain – text ✓")).toBe("Plain – text ✓");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });

  it("writes what React writes, for text and for attributes", () => {
    const tricky = `Tom's "quote" <b>&</b>`;
    expect(renderToStaticMarkup(createElement("p", { title: tricky }, tricky))).toBe(
      `<p title="${escapeHtml(tricky)}">${escapeHtml(tricky)}</p>`,
    );
  });
});

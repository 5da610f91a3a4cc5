import { createElement as h, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderStaticMarkup } from "./static-markup";

describe("renderStaticMarkup writes what react-dom/server writes", () => {
  const cases = {
    "escaped text and attributes": h(
      "p",
      { className: `a"b`, title: "<x> & 'y'" },
      "1 < 2 & 3 > 2 \"q\" 'a'",
    ),
    "void elements and booleans": h(
      "div",
      null,
      h("br"),
      h("hr", { hidden: true, "aria-hidden": true }),
      h("details", { open: false }, "d"),
      h("hr"),
    ),
    "fragments, arrays, numbers and empty values": h(
      Fragment,
      null,
      [h("b", { key: 1 }, 0), null, false, h("i", { key: 2 }, "x")],
      42,
      undefined,
    ),
    "components and raw HTML": h(() =>
      h(
        "section",
        { "aria-labelledby": "t", htmlFor: undefined },
        h("div", { dangerouslySetInnerHTML: { __html: "<em>kept</em>" } }),
      ),
    ),
    "event handlers are dropped": h("button", { type: "button", onClick: () => undefined }, "Go"),
    "time and tables": h(
      "table",
      null,
      h(
        "tbody",
        null,
        h(
          "tr",
          null,
          h("td", { colSpan: 2 }, h("time", { dateTime: "2026-01-01T00:00:00Z" }, "now")),
        ),
      ),
    ),
  };
  for (const [name, element] of Object.entries(cases)) {
    it(name, () => expect(renderStaticMarkup(element)).toBe(renderToStaticMarkup(element)));
  }
});

describe("renderStaticMarkup refuses what only React's runtime can render", () => {
  it("async components", () => {
    expect(() => renderStaticMarkup(h((async () => h("p")) as never))).toThrow(/async components/);
  });
  it("client components", () => {
    const Client = Object.assign(() => h("p"), { $$typeof: Symbol.for("react.client.reference") });
    expect(() => renderStaticMarkup(h(Client))).toThrow(/client components/);
  });
});

import { describe, expect, it } from "vitest";
import { HIGHLIGHT_START as S, HIGHLIGHT_STOP as E, splitHighlights } from "./highlight";

describe("splitHighlights", () => {
  it("splits marked words into highlighted parts", () => {
    expect(splitHighlights(`the ${S}database${E} pool ${S}exhausted${E}`)).toEqual([
      { text: "the ", hit: false },
      { text: "database", hit: true },
      { text: " pool ", hit: false },
      { text: "exhausted", hit: true },
    ]);
  });

  it("keeps markup in the text as text (nothing is parsed as HTML)", () => {
    expect(splitHighlights(`<img src=x onerror=alert(1)> ${S}<b>${E}`)).toEqual([
      { text: "<img src=x onerror=alert(1)> ", hit: false },
      { text: "<b>", hit: true },
    ]);
  });

  it("merges adjacent highlights and ignores stray stop markers", () => {
    expect(splitHighlights(`${S}connection${E}${S} pool${E} done${E}`)).toEqual([
      { text: "connection pool", hit: true },
      { text: " done", hit: false },
    ]);
    expect(splitHighlights("")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { SEARCH_WINDOW, windowNotice } from "./schema";

describe("windowNotice", () => {
  it("says nothing when no kind filled the window", () => {
    expect(windowNotice([])).toBeNull();
  });

  it("names the kinds that did, in the page's order, and how to reach older ones", () => {
    expect(SEARCH_WINDOW).toBe(300);
    expect(windowNotice(["incident"])).toBe(
      "300 or more incidents match these words, so they are ranked among the newest 300 of each. To reach older ones, add words or narrow the dates (Started from, Started until).",
    );
    expect(windowNotice(["report", "event", "incident"])).toMatch(
      /^300 or more incidents, timeline events and report sections match these words/,
    );
    expect(windowNotice(["why", "action"])).toMatch(
      /^300 or more 5 Whys statements and action items match/,
    );
  });
});

import { describe, expect, it } from "vitest";
import {
  confirmationToken,
  describeEmpty,
  emptySections,
  requiredSectionErrors,
  unconfirmedEmpty,
  unconfirmedMessage,
} from "./readiness";
import {
  fullTemplateSections,
  lightweightTemplateSections,
  type TemplateSection,
} from "./sections";

const withRequired = (keys: string[]): TemplateSection[] =>
  fullTemplateSections().map((s) => ({ ...s, required: keys.includes(s.key) || undefined }));

describe("emptySections", () => {
  it("splits the enabled sections with an empty field into required and optional", () => {
    const gaps = emptySections(withRequired(["summary", "expected"]), {
      summary: "Checkout failed.",
      impact: "   ",
      detection: "Alert",
      response: "Paged",
      recovery: "Rolled back",
      trigger: "Deploy",
      contributing: "No canary",
      wentWell: "Fast rollback",
    });
    expect(gaps.required.map((s) => [s.key, s.emptyFields.map((f) => f.key)])).toEqual([
      ["summary", ["impact"]],
      ["expected", ["expected"]],
    ]);
    expect(gaps.optional.map((s) => [s.key, s.emptyFields.map((f) => f.key)])).toEqual([
      ["improve", ["wentWrong", "lucky"]],
    ]);
  });

  it("ignores a required section the template does not show", () => {
    const sections = withRequired(["expected"]).map((s) =>
      s.key === "expected" ? { ...s, enabled: false } : s,
    );
    expect(emptySections(sections, {}).required).toEqual([]);
  });

  it("asks only for the fields the template asks for (lightweight)", () => {
    const sections = lightweightTemplateSections().map((s) => ({ ...s, required: true }));
    const gaps = emptySections(sections, { summary: "a", recovery: "b", trigger: "c" });
    expect(gaps.required.map((s) => s.key)).toEqual(["improve"]);
    expect(gaps.required[0].emptyFields).toEqual([{ key: "wentWrong", label: "What went wrong" }]);
  });

  it("finds nothing when every field is written", () => {
    const all = Object.fromEntries(
      ["summary", "impact", "expected", "detection", "response", "recovery", "trigger"]
        .concat(["contributing", "wentWell", "wentWrong", "lucky"])
        .map((k) => [k, "text"]),
    );
    expect(emptySections(withRequired(["summary"]), all)).toEqual({ required: [], optional: [] });
  });
});

describe("requiredSectionErrors", () => {
  it("names every empty required section and gives each empty field its own message", () => {
    const gaps = emptySections(withRequired(["summary", "expected"]), { summary: "x" });
    const errors = requiredSectionErrors(gaps, "review")!;
    expect(errors.message).toBe(
      "Write the required sections before asking for a review: “Summary and impact” (Customer and data impact) and “What was expected”.",
    );
    expect(errors.fieldErrors).toEqual({
      "narrative.impact": ["“Summary and impact” is required: write “Customer and data impact”."],
      "narrative.expected": ["“What was expected” is required: write it."],
    });
  });

  it("tells the publisher how to get out of review", () => {
    const gaps = emptySections(withRequired(["expected"]), {});
    expect(requiredSectionErrors(gaps, "publish")!.message).toBe(
      "The template requires “What was expected”, still empty. Take the report back to draft, write it and ask for a review again.",
    );
  });

  it("is null when no required section is empty", () => {
    expect(requiredSectionErrors(emptySections(withRequired([]), {}), "review")).toBeNull();
  });
});

describe("confirming empty optional sections", () => {
  const gaps = emptySections(withRequired(["summary"]), {
    summary: "s",
    impact: "i",
    detection: "d",
    response: "r",
    recovery: "r",
    trigger: "t",
    contributing: "c",
    wentWell: "w",
  });

  it("covers exactly the fields that were listed", () => {
    expect(confirmationToken(gaps)).toBe("expected,lucky,wentWrong");
    expect(unconfirmedEmpty(gaps, confirmationToken(gaps))).toEqual([]);
  });

  it("does not cover a field emptied after the confirmation was given", () => {
    const older = "expected,lucky";
    expect(
      unconfirmedEmpty(gaps, older).map((s) => [s.key, s.emptyFields.map((f) => f.key)]),
    ).toEqual([["improve", ["wentWrong"]]]);
  });

  it("without a confirmation, every empty optional section is named", () => {
    const open = unconfirmedEmpty(gaps, undefined);
    expect(open.map((s) => s.key)).toEqual(["expected", "improve"]);
    expect(unconfirmedMessage(open)).toBe(
      "Still empty: “What was expected” and “What to sustain and what to improve” (What went wrong and Where we got lucky). Confirm that you want to send the report for review without them, or write them first.",
    );
  });

  it("speaks of one field in the singular", () => {
    const one = unconfirmedEmpty(gaps, "expected,wentWrong");
    expect(describeEmpty(one[0])).toBe(
      "“What to sustain and what to improve” (Where we got lucky)",
    );
    expect(unconfirmedMessage(one)).toMatch(/without it, or write it first\.$/);
  });
});

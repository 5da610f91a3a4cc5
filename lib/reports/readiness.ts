// Whether a report may go to review or be published as far as its text goes (pure). A template
// section marked "required" must have every narrative field it asks for written: asking for a
// review or publishing is refused until then, naming each section. Empty sections that are not
// required never block, but they are never passed over silently either: the author confirms
// them when asking for a review (the confirmation names exactly the fields it covers, so one
// given for an older list does not cover a field emptied since), and the publish form lists them.
import { reportCompleteness, type SectionCompleteness } from "./snapshot";
import type { Narrative, TemplateSection } from "./sections";

export interface EmptySection extends SectionCompleteness {
  required: boolean;
}

export interface EmptySections {
  /** Enabled sections the template marks required that have an empty field: they block. */
  required: EmptySection[];
  /** Other enabled sections with an empty field: the author confirms them. */
  optional: EmptySection[];
}

export function emptySections(sections: TemplateSection[], narrative: Narrative): EmptySections {
  const requiredKeys = new Set<string>(sections.filter((s) => s.required).map((s) => s.key));
  const empty = reportCompleteness(sections, narrative)
    .sections.filter((s) => !s.complete)
    .map((s) => ({ ...s, required: requiredKeys.has(s.key) }));
  return { required: empty.filter((s) => s.required), optional: empty.filter((s) => !s.required) };
}

/** The field key an error about an empty narrative field is reported under (the editor's textarea is `narrative-<key>`). */
export const narrativeErrorField = (fieldKey: string) => `narrative.${fieldKey}`;

const quoted = (s: string) => `“${s}”`;
const list = (items: string[]) =>
  items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/** One sentence naming a section and the fields it still lacks. */
export function describeEmpty(section: SectionCompleteness) {
  const fields = section.emptyFields.map((f) => f.label);
  // A one-field section whose field is named like the section needs no second name.
  if (fields.length === 1 && fields[0] === section.title) return quoted(section.title);
  return `${quoted(section.title)} (${list(fields)})`;
}

export type Step = "review" | "publish";

/**
 * Field-level messages for the required sections that are still empty, or null when none is.
 * Each empty field gets its own message so the form can link to (and the editor mark) it.
 */
export function requiredSectionErrors(
  gaps: EmptySections,
  step: Step,
): { message: string; fieldErrors: Record<string, string[]> } | null {
  if (gaps.required.length === 0) return null;
  const fieldErrors: Record<string, string[]> = {};
  for (const s of gaps.required)
    for (const f of s.emptyFields)
      fieldErrors[narrativeErrorField(f.key)] = [
        `${quoted(s.title)} is required: write ${f.label === s.title ? "it" : quoted(f.label)}.`,
      ];
  const names = list(gaps.required.map(describeEmpty));
  const message =
    step === "review"
      ? `Write the required ${gaps.required.length === 1 ? "section" : "sections"} before asking for a review: ${names}.`
      : `The template requires ${names}, still empty. Take the report back to draft, write ${Object.keys(fieldErrors).length === 1 ? "it" : "them"} and ask for a review again.`;
  return { message, fieldErrors };
}

/** What the author confirms when asking for a review with optional sections empty. */
export function confirmationToken(gaps: EmptySections) {
  return gaps.optional
    .flatMap((s) => s.emptyFields.map((f) => f.key))
    .sort()
    .join(",");
}

/** The empty optional fields a confirmation does not cover (all of them without one). */
export function unconfirmedEmpty(gaps: EmptySections, confirmation: string | undefined) {
  const confirmed = new Set((confirmation ?? "").split(",").filter(Boolean));
  return gaps.optional
    .map((s) => ({ ...s, emptyFields: s.emptyFields.filter((f) => !confirmed.has(f.key)) }))
    .filter((s) => s.emptyFields.length > 0);
}

export const CONFIRM_EMPTY_FIELD = "confirmEmpty";

export function unconfirmedMessage(sections: SectionCompleteness[]) {
  return `Still empty: ${list(sections.map(describeEmpty))}. Confirm that you want to send the report for review without ${sections.length === 1 && sections[0].emptyFields.length === 1 ? "it" : "them"}, or write ${sections.length === 1 && sections[0].emptyFields.length === 1 ? "it" : "them"} first.`;
}

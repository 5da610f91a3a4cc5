// The AAR section catalogue (pure). A template chooses which of these sections a report has,
// their order, titles and prompts; each section kind decides which facts the incident fills
// in automatically and which narrative fields the author writes. Narrative is stored keyed
// by field key (unique across the catalogue), so templates can change under a draft.
import { z } from "zod";

export type SectionKey = "summary" | "expected" | "happened" | "why" | "improve";
export type AutoBlock = "facts" | "timeline" | "durations" | "whys" | "actions";

export interface NarrativeField {
  key: string;
  label: string;
}

export interface SectionKind {
  key: SectionKey;
  /** Which of the AAR's four questions (plus the summary) this section answers. */
  defaultTitle: string;
  defaultPrompt: string;
  blocks: AutoBlock[];
  fields: NarrativeField[];
}

export const SECTION_KINDS: readonly SectionKind[] = [
  {
    key: "summary",
    defaultTitle: "Summary and impact",
    defaultPrompt:
      "Who was affected, what happened and for how long? Describe the customer and data impact in plain words.",
    blocks: ["facts"],
    fields: [
      { key: "summary", label: "Summary" },
      { key: "impact", label: "Customer and data impact" },
    ],
  },
  {
    key: "expected",
    defaultTitle: "What was expected",
    defaultPrompt:
      "What should have happened? Name the plan, SLO or runbook the team was working to.",
    blocks: [],
    fields: [{ key: "expected", label: "What was expected" }],
  },
  {
    key: "happened",
    defaultTitle: "What actually happened",
    defaultPrompt:
      "Walk through detection, response and recovery. The key timeline events and durations are filled in from the incident.",
    blocks: ["durations", "timeline"],
    fields: [
      { key: "detection", label: "Detection" },
      { key: "response", label: "Response" },
      { key: "recovery", label: "Recovery" },
    ],
  },
  {
    key: "why",
    defaultTitle: "Why there was a difference",
    defaultPrompt:
      "What triggered the incident and what made it worse? The 5 Whys tree and root causes come from the incident's analysis.",
    blocks: ["whys"],
    fields: [
      { key: "trigger", label: "Trigger" },
      { key: "contributing", label: "Contributing factors" },
    ],
  },
  {
    key: "improve",
    defaultTitle: "What to sustain and what to improve",
    defaultPrompt:
      "What went well, what went wrong, and where did we get lucky? Action items are listed from the incident.",
    blocks: ["actions"],
    fields: [
      { key: "wentWell", label: "What went well" },
      { key: "wentWrong", label: "What went wrong" },
      { key: "lucky", label: "Where we got lucky" },
    ],
  },
];

export const SECTION_KEYS = SECTION_KINDS.map((s) => s.key) as [SectionKey, ...SectionKey[]];

export function sectionKind(key: string): SectionKind | undefined {
  return SECTION_KINDS.find((s) => s.key === key);
}

/** The short summary written for the customer version (a narrative field outside every section). */
export const CUSTOMER_SUMMARY_KEY = "customerSummary";

/** Every narrative field key the catalogue knows, in catalogue order, then the customer summary. */
export const NARRATIVE_KEYS = [
  ...SECTION_KINDS.flatMap((s) => s.fields.map((f) => f.key)),
  CUSTOMER_SUMMARY_KEY,
];

export const SECTION_TITLE_MAX = 120;
export const SECTION_PROMPT_MAX = 1000;

export const templateSectionSchema = z.object({
  key: z.enum(SECTION_KEYS),
  title: z
    .string()
    .trim()
    .min(1, "Give the section a title.")
    .max(SECTION_TITLE_MAX, `Titles can be at most ${SECTION_TITLE_MAX} characters.`),
  prompt: z
    .string()
    .trim()
    .max(SECTION_PROMPT_MAX, `Prompts can be at most ${SECTION_PROMPT_MAX} characters.`),
  enabled: z.boolean(),
  /** Optional subset of the kind's narrative fields (the lightweight template asks for fewer). */
  fields: z.array(z.string().max(40)).max(20).optional(),
  /** Left out of the customer version of the report. */
  internal: z.boolean().optional(),
  /** Publishing refuses while any of its narrative fields is empty. */
  required: z.boolean().optional(),
});
export type TemplateSection = z.infer<typeof templateSectionSchema>;

export const FULL_TEMPLATE_NAME = "Full AAR";
export const LIGHTWEIGHT_TEMPLATE_NAME = "Lightweight";

export function fullTemplateSections(): TemplateSection[] {
  return SECTION_KINDS.map((k) => ({
    key: k.key,
    title: k.defaultTitle,
    prompt: k.defaultPrompt,
    enabled: true,
  }));
}

export function lightweightTemplateSections(): TemplateSection[] {
  return [
    {
      key: "summary",
      title: "Summary",
      prompt: "Two or three sentences: what broke, who noticed, how long it lasted.",
      enabled: true,
      fields: ["summary"],
    },
    {
      key: "happened",
      title: "What happened",
      prompt:
        "The key events and durations come from the incident; add a line on how it was fixed.",
      enabled: true,
      fields: ["recovery"],
    },
    {
      key: "why",
      title: "Why it happened",
      prompt: "The trigger, in one paragraph. The 5 Whys tree is included automatically.",
      enabled: true,
      fields: ["trigger"],
    },
    {
      key: "improve",
      title: "Follow-up",
      prompt: "Anything worth keeping or changing. Action items are listed from the incident.",
      enabled: true,
      fields: ["wentWrong"],
    },
    {
      key: "expected",
      title: "What was expected",
      prompt: SECTION_KINDS[1].defaultPrompt,
      enabled: false,
    },
  ];
}

/**
 * Reads a template's stored sections defensively: unknown kinds and malformed rows are
 * dropped, each kind appears once, and a kind the stored list lacks is appended disabled so
 * an owner can switch it on later.
 */
export function parseTemplateSections(value: unknown): TemplateSection[] {
  const list = Array.isArray(value) ? value : [];
  const seen = new Set<string>();
  const out: TemplateSection[] = [];
  for (const raw of list) {
    const parsed = templateSectionSchema.safeParse(raw);
    if (!parsed.success || seen.has(parsed.data.key)) continue;
    seen.add(parsed.data.key);
    out.push(parsed.data);
  }
  for (const kind of SECTION_KINDS) {
    if (!seen.has(kind.key))
      out.push({
        key: kind.key,
        title: kind.defaultTitle,
        prompt: kind.defaultPrompt,
        enabled: false,
      });
  }
  return out;
}

/** The narrative fields a template section asks for. */
export function sectionFields(section: TemplateSection): NarrativeField[] {
  const kind = sectionKind(section.key);
  if (!kind) return [];
  if (!section.fields?.length) return kind.fields;
  return kind.fields.filter((f) => section.fields!.includes(f.key));
}

export type Narrative = Record<string, string>;

/** Narrative JSON as stored: keeps every string value (unknown keys too, so nothing is lost). */
export function parseNarrative(value: unknown): Narrative {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Narrative = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  return out;
}

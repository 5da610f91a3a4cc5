// Issue 9, "limits read from the zod schemas": every maxLength in a form is the maximum the
// server's schema accepts for that field. A form names a limit constant that the schema itself
// uses (INCIDENT_LIMITS.title, TEAM_NAME_MAX…); this test reads every maxLength in components/
// and app/, and fails on one that is not in the table below, on a table entry whose value is
// not its schema's maximum (read from the schema by maxLengthOf), and on a field whose name
// differs from the field the limit is for. A number written in a maxLength fails: name the
// schema's constant instead.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ACTION_ITEM_LIMITS } from "@/lib/action-items/constants";
import { actionItemFields, statusChangeSchema } from "@/lib/action-items/schema";
import { ALERT_SOURCE_NAME_MAX, alertSourceSchema } from "@/lib/alerts/schema";
import { API_TOKEN_NAME_MAX, createApiTokenSchema } from "@/lib/api/schema";
import { EMAIL_MAX, emailSchema } from "@/lib/auth/schema";
import { INCIDENT_LIMITS } from "@/lib/incidents/constants";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { maxLengthOf } from "@/lib/max-length";
import { TARGET_NAME_MAX, targetSchema } from "@/lib/notifications/schema";
import {
  COMMENT_MAX,
  commentSchema,
  decisionSchema,
  TEMPLATE_NAME_MAX,
  templateFormSchema,
} from "@/lib/reports/schema";
import {
  SECTION_PROMPT_MAX,
  SECTION_TITLE_MAX,
  templateSectionSchema,
} from "@/lib/reports/sections";
import { QUERY_MAX, searchParamsSchema } from "@/lib/search/schema";
import {
  MAX_MESSAGE,
  PORTAL_QUERY_MAX,
  portalSearchSchema,
  shareSchema,
} from "@/lib/sharing/schema";
import { DISPLAY_NAME_MAX, profileSchema, TEAM_NAME_MAX, teamNameSchema } from "@/lib/teams/schema";
import { AUTHOR_MAX, BODY_MAX } from "@/lib/timeline/constants";
import { IMPORT_MAX_CHARS } from "@/lib/timeline/constants";
import { timelineEventInputSchema, timelineImportSchema } from "@/lib/timeline/schema";
import { EVIDENCE_LABEL_MAX, linkEvidenceSchema, problemSchema } from "@/lib/whys/schema";
import { CAPTION_MAX_LENGTH, uploadFieldsSchema } from "@/lib/attachments/schema";
import { PROBLEM_MAX } from "@/lib/whys/tree";

const root = process.cwd();

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return tsxFiles(p);
    return p.endsWith(".tsx") ? [p] : [];
  });
}

interface Limit {
  file: string;
  /** The field's name attribute (before any ".key" suffix), when it is written in the tag. */
  name: string | null;
  expr: string;
}

/** The text from `from` up to the `}` that closes the `{` just before it. */
function braced(src: string, from: number): string {
  let depth = 1;
  for (let i = from; i < src.length; i++) {
    if (src[i] === "{") depth++;
    else if (src[i] === "}" && --depth === 0) return src.slice(from, i);
  }
  return src.slice(from);
}

/** The JSX tag around `at`: from its "<" to the ">" that ends it (not one inside {…} or "=>"). */
function tagAround(src: string, at: number): string {
  let start = at;
  while (start > 0 && !(src[start] === "<" && /[A-Za-z]/.test(src[start + 1] ?? ""))) start--;
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    if (src[i] === "{") depth++;
    else if (src[i] === "}") depth--;
    else if (src[i] === ">" && depth === 0) return src.slice(start, i);
  }
  return src.slice(start);
}

/** Every maxLength={…} in one file's source, with the name of the field whose tag it sits in. */
function limitsIn(file: string, src: string): Limit[] {
  return [...src.matchAll(/maxLength=\{/g)].map((m) => {
    const tag = tagAround(src, m.index);
    const name = /\bname=(?:"([^"]+)"|\{`([^`$.]+))/.exec(tag);
    return {
      file,
      name: name ? (name[1] ?? name[2] ?? "").split(".")[0]! : null,
      expr: braced(src, m.index + m[0].length).trim(),
    };
  });
}

/** Every maxLength={…} in the app. */
function limits(): Limit[] {
  return ["components", "app"].flatMap((dir) =>
    tsxFiles(path.join(root, dir)).flatMap((file) =>
      limitsIn(path.relative(root, file), readFileSync(file, "utf8")),
    ),
  );
}

/** A limit written as a number (or a sum of numbers) repeats the schema instead of naming it. */
const isLiteral = (l: Limit) => /^[\d_\s+*.-]+$/.test(l.expr);

const incident = incidentInputSchema.in.shape;

/** Each limit a form may name: its value, the schema field it stands for, and that field's names. */
const LIMITS: Record<string, { value: number; schema: z.ZodType; names: (string | null)[] }> = {
  "INCIDENT_LIMITS.title": {
    value: INCIDENT_LIMITS.title,
    schema: incident.title,
    names: ["title"],
  },
  "INCIDENT_LIMITS.summary": {
    value: INCIDENT_LIMITS.summary,
    schema: incident.summary,
    names: ["summary"],
  },
  "INCIDENT_LIMITS.customerImpact": {
    value: INCIDENT_LIMITS.customerImpact,
    schema: incident.customerImpact,
    names: ["customerImpact"],
  },
  "INCIDENT_LIMITS.list": {
    value: INCIDENT_LIMITS.list,
    schema: incident.services,
    names: ["services", "tags"],
  },
  TEAM_NAME_MAX: { value: TEAM_NAME_MAX, schema: teamNameSchema, names: ["name"] },
  DISPLAY_NAME_MAX: { value: DISPLAY_NAME_MAX, schema: profileSchema.shape.name, names: ["name"] },
  EMAIL_MAX: { value: EMAIL_MAX, schema: emailSchema, names: ["email"] },
  CAPTION_MAX_LENGTH: {
    value: CAPTION_MAX_LENGTH,
    schema: uploadFieldsSchema.in.shape.caption,
    names: ["caption"],
  },
  EVIDENCE_LABEL_MAX: {
    value: EVIDENCE_LABEL_MAX,
    schema: linkEvidenceSchema.shape.label,
    names: [null],
  },
  TARGET_NAME_MAX: { value: TARGET_NAME_MAX, schema: targetSchema.shape.name, names: ["name"] },
  ALERT_SOURCE_NAME_MAX: {
    value: ALERT_SOURCE_NAME_MAX,
    schema: alertSourceSchema.shape.name,
    names: ["name"],
  },
  API_TOKEN_NAME_MAX: {
    value: API_TOKEN_NAME_MAX,
    schema: createApiTokenSchema.shape.name,
    names: ["name"],
  },
  TEMPLATE_NAME_MAX: {
    value: TEMPLATE_NAME_MAX,
    schema: templateFormSchema.shape.name,
    names: ["name"],
  },
  SECTION_TITLE_MAX: {
    value: SECTION_TITLE_MAX,
    schema: templateSectionSchema.shape.title,
    names: ["title"],
  },
  SECTION_PROMPT_MAX: {
    value: SECTION_PROMPT_MAX,
    schema: templateSectionSchema.shape.prompt,
    names: ["prompt"],
  },
  QUERY_MAX: { value: QUERY_MAX, schema: searchParamsSchema.shape.q, names: ["q"] },
  PORTAL_QUERY_MAX: { value: PORTAL_QUERY_MAX, schema: portalSearchSchema, names: ["q"] },
  AUTHOR_MAX: {
    value: AUTHOR_MAX,
    schema: timelineEventInputSchema.in.shape.author,
    names: ["author"],
  },
  BODY_MAX: { value: BODY_MAX, schema: timelineEventInputSchema.in.shape.body, names: ["body"] },
  IMPORT_MAX_CHARS: {
    value: IMPORT_MAX_CHARS,
    schema: timelineImportSchema.shape.text,
    names: ["text"],
  },
  PROBLEM_MAX: { value: PROBLEM_MAX, schema: problemSchema.shape.problem, names: [null] },
  "ACTION_ITEM_LIMITS.title": {
    value: ACTION_ITEM_LIMITS.title,
    schema: actionItemFields.shape.title,
    names: ["title"],
  },
  "ACTION_ITEM_LIMITS.description": {
    value: ACTION_ITEM_LIMITS.description,
    schema: actionItemFields.shape.description,
    names: ["description"],
  },
  "ACTION_ITEM_LIMITS.wontDoReason": {
    value: ACTION_ITEM_LIMITS.wontDoReason,
    schema: actionItemFields.shape.wontDoReason,
    names: ["wontDoReason"],
  },
  "ACTION_ITEM_LIMITS.trackerUrl": {
    value: ACTION_ITEM_LIMITS.trackerUrl,
    schema: actionItemFields.shape.trackerUrl,
    names: ["trackerUrl"],
  },
  // One box serves the review comment and the decision's note: both schemas take this maximum.
  COMMENT_MAX: { value: COMMENT_MAX, schema: commentSchema.shape.body, names: ["body"] },
  // Entries no form names (no field names): further schemas that must accept the same maximum.
  "COMMENT_MAX (decision note)": {
    value: COMMENT_MAX,
    schema: decisionSchema.shape.body,
    names: [],
  },
  "ACTION_ITEM_LIMITS.wontDoReason (status change)": {
    value: ACTION_ITEM_LIMITS.wontDoReason,
    schema: statusChangeSchema.shape.wontDoReason,
    names: [],
  },
  MAX_MESSAGE: { value: MAX_MESSAGE, schema: shareSchema.shape.message, names: ["message"] },
};

describe("form limits", () => {
  const all = limits();

  it("finds the forms' limits (the scan works)", () => {
    expect(all.length).toBeGreaterThan(20);
    expect(all).toContainEqual({
      file: "components/incidents/incident-form.tsx",
      name: "title",
      expr: "INCIDENT_LIMITS.title",
    });
  });

  it("every named limit equals its schema's maximum", () => {
    for (const [expr, l] of Object.entries(LIMITS))
      expect(l.value, expr).toBe(maxLengthOf(l.schema));
  });

  it("no maxLength is a written number", () => {
    const literals = all.filter(isLiteral).map((l) => `${l.file}: maxLength={${l.expr}}`);
    expect(literals, "name the schema's limit constant instead").toEqual([]);
  });

  it("the scan catches a written number (this test can fail)", () => {
    const src = `<TextArea\n  name="body"\n  rows={3}\n  maxLength={5_000}\n  onChange={(e) => go(e)}\n/>`;
    const [found] = limitsIn("x.tsx", src);
    expect(found).toEqual({ file: "x.tsx", name: "body", expr: "5_000" });
    expect(isLiteral(found!)).toBe(true);
    expect(LIMITS[found!.expr]).toBeUndefined();
  });

  it("every maxLength is a named limit for the same field", () => {
    for (const l of all) {
      const known = LIMITS[l.expr];
      expect(
        known,
        `${l.file}: maxLength={${l.expr}} is not a limit this test knows`,
      ).toBeDefined();
      expect(known!.names, `${l.file}: ${l.expr} on the field "${l.name}"`).toContain(l.name);
    }
  });
});

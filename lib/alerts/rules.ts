// Severity rules: the first rule whose label matches an alert's label decides the incident's
// severity; none matching → the source's default. Pure; edited in settings as one rule a line.
import { z } from "zod";
import { SEVERITIES, type Severity } from "@/lib/incidents/constants";

export const severityRuleSchema = z.object({
  label: z.string().trim().min(1).max(60),
  value: z.string().trim().min(1).max(120),
  severity: z.enum(SEVERITIES),
});
export type SeverityRule = z.infer<typeof severityRuleSchema>;
export const severityRulesSchema = z.array(severityRuleSchema).max(50);

/** Each tool's level is normalized to the `severity` label (parse.ts), so one default fits all. */
export const DEFAULT_SEVERITY_RULES: SeverityRule[] = [
  { label: "severity", value: "critical", severity: "SEV1" },
  { label: "severity", value: "error", severity: "SEV2" },
  { label: "severity", value: "high", severity: "SEV2" },
  { label: "severity", value: "warning", severity: "SEV3" },
  { label: "severity", value: "info", severity: "SEV4" },
];

export function severityFor(
  labels: Record<string, string>,
  rules: SeverityRule[],
  fallback: Severity,
): Severity {
  for (const r of rules)
    if ((labels[r.label] ?? "").toLowerCase() === r.value.toLowerCase()) return r.severity;
  return fallback;
}

/** "severity=critical SEV1" lines ⇄ rules. Returns the rules or the 1-based lines that are wrong. */
export function parseRuleLines(
  text: string,
): { ok: true; rules: SeverityRule[] } | { ok: false; message: string } {
  const rules: SeverityRule[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  for (const [i, line] of lines.entries()) {
    const m = /^([^=\s]+)\s*=\s*(.+?)\s+(?:→|->)?\s*(SEV[1-4])$/i.exec(line);
    const parsed =
      m &&
      severityRuleSchema.safeParse({ label: m[1], value: m[2], severity: m[3]!.toUpperCase() });
    if (!parsed?.success)
      return {
        ok: false,
        message: `Line ${i + 1} (“${line.slice(0, 40)}”): write label=value SEV1…SEV4.`,
      };
    rules.push(parsed.data);
  }
  if (rules.length > 50) return { ok: false, message: "At most 50 rules." };
  return { ok: true, rules };
}

export function ruleLines(rules: SeverityRule[]): string {
  return rules.map((r) => `${r.label}=${r.value} ${r.severity}`).join("\n");
}

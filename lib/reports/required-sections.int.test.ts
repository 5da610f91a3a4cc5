// Publishing and review requests against a template with required sections (issue 12,
// "Writing comfort"): refused while a required section is empty, with nothing changed;
// empty optional sections need the author's confirmation; allowed once written.
import { beforeEach, describe, expect, it } from "vitest";
import { mintTeamScope } from "@/lib/auth/scope";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import {
  decideReviewAction,
  publishReportAction,
  requestReviewAction,
  saveNarrativeAction,
  updateTemplateAction,
  withdrawReviewAction,
} from "./actions";
import { ensureReport } from "./mutations";
import { parseTemplateSections } from "./sections";

const form = (values: Record<string, string | string[]>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values))
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
};
const ok = { ok: true } as const;

describe("required report sections", () => {
  let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
  let incidentId: string;
  const report = () => testDb.report.findUniqueOrThrow({ where: { incidentId } });

  /** The owner saves the default template as the template editor posts it. */
  async function requireSections(required: string[]) {
    signInAs(t.owner.id, t.team.id);
    const tpl = await testDb.reportTemplate.findFirstOrThrow({
      where: { teamId: t.team.id, isDefault: true },
    });
    const sections = parseTemplateSections(tpl.sections);
    const values: Record<string, string | string[]> = {
      templateId: tpl.id,
      name: tpl.name,
      isDefault: "on",
      sectionKey: sections.map((s) => s.key),
    };
    for (const s of sections) {
      values[`title.${s.key}`] = s.title;
      values[`prompt.${s.key}`] = s.prompt;
      if (s.enabled) values[`enabled.${s.key}`] = "on";
      if (required.includes(s.key)) values[`required.${s.key}`] = "on";
    }
    expect(await updateTemplateAction(ok, form(values))).toMatchObject(ok);
  }

  async function write(changes: Record<string, string>) {
    signInAs(t.editor.id, t.team.id);
    const r = await report();
    expect(
      await saveNarrativeAction(incidentId, { baseVersion: r.version, changes, baseline: {} }),
    ).toMatchObject(ok);
  }

  async function requestReview(confirmEmpty?: string) {
    signInAs(t.editor.id, t.team.id);
    const r = await report();
    return requestReviewAction(
      incidentId,
      ok,
      form({
        baseVersion: String(r.version),
        reviewerIds: [t.owner.id],
        ...(confirmEmpty !== undefined ? { confirmEmpty } : {}),
      }),
    );
  }

  async function publish() {
    signInAs(t.owner.id, t.team.id);
    return publishReportAction(
      incidentId,
      ok,
      form({ baseVersion: String((await report()).version) }),
    );
  }

  async function approve() {
    signInAs(t.owner.id, t.team.id);
    expect(
      await decideReviewAction(
        incidentId,
        ok,
        form({ decision: "APPROVED", sectionKey: "general", body: "" }),
      ),
    ).toMatchObject(ok);
  }

  beforeEach(async () => {
    t = await createTeamWithMembers("Required");
    incidentId = (await createIncident(t.team.id, t.owner.id, { title: "Queue backlog" })).id;
    await ensureReport(mintTeamScope(t.team.id), incidentId);
  });

  it("stores the flag from the template editor's form", async () => {
    await requireSections(["summary", "why"]);
    const tpl = await testDb.reportTemplate.findFirstOrThrow({
      where: { teamId: t.team.id, isDefault: true },
    });
    expect(
      parseTemplateSections(tpl.sections)
        .filter((s) => s.required)
        .map((s) => s.key),
    ).toEqual(["summary", "why"]);
  });

  it("refuses a review request while a required section is empty, naming each field", async () => {
    await requireSections(["summary", "expected"]);
    await write({ summary: "Jobs waited up to 40 minutes." });

    const refused = await requestReview("summary,impact,expected,detection");
    expect(refused).toMatchObject({
      ok: false,
      message:
        "Write the required sections before asking for a review: “Summary and impact” (Customer and data impact) and “What was expected”.",
      fieldErrors: {
        "narrative.impact": ["“Summary and impact” is required: write “Customer and data impact”."],
        "narrative.expected": ["“What was expected” is required: write it."],
      },
    });
    // Nothing changed: still a draft, no review round.
    const r = await report();
    expect(r.status).toBe("DRAFT");
    expect(await testDb.reportReviewer.count({ where: { reportId: r.id } })).toBe(0);
  });

  it("asks the author to confirm empty optional sections, then sends", async () => {
    await write({ summary: "s", impact: "i", detection: "d", response: "r", recovery: "r" });

    const unconfirmed = await requestReview();
    expect(unconfirmed).toMatchObject({
      ok: false,
      message:
        "Still empty: “What was expected”, “Why there was a difference” (Trigger and Contributing factors) and “What to sustain and what to improve” (What went well, What went wrong and Where we got lucky). Confirm that you want to send the report for review without them, or write them first.",
      fieldErrors: { confirmEmpty: [expect.stringContaining("Still empty:")] },
    });
    // A confirmation of an older list does not cover a field that is empty now.
    expect(await requestReview("expected,trigger,contributing,wentWell,wentWrong")).toMatchObject({
      ok: false,
      message: expect.stringContaining(
        "“What to sustain and what to improve” (Where we got lucky)",
      ),
    });
    expect((await report()).status).toBe("DRAFT");

    expect(
      await requestReview("contributing,expected,lucky,trigger,wentWell,wentWrong"),
    ).toMatchObject({ ok: true });
    expect((await report()).status).toBe("IN_REVIEW");
  });

  it("refuses to publish when a section became required during review; publishes once written", async () => {
    await write({ summary: "Jobs waited.", impact: "Emails were late." });
    expect(
      await requestReview(
        "contributing,detection,expected,lucky,recovery,response,trigger,wentWell,wentWrong",
      ),
    ).toMatchObject(ok);
    await approve();
    // The owner makes "Why there was a difference" required while the report is in review.
    await requireSections(["why"]);

    expect(await publish()).toMatchObject({
      ok: false,
      message:
        "The template requires “Why there was a difference” (Trigger and Contributing factors), still empty. Take the report back to draft, write them and ask for a review again.",
      fieldErrors: {
        "narrative.trigger": [expect.stringContaining("is required")],
        "narrative.contributing": [expect.stringContaining("is required")],
      },
    });
    const r = await report();
    expect(r.status).toBe("IN_REVIEW");
    expect(await testDb.reportVersion.count({ where: { reportId: r.id } })).toBe(0);

    // Back to draft, write the section, review again, publish.
    signInAs(t.editor.id, t.team.id);
    expect(
      await withdrawReviewAction(incidentId, ok, form({ baseVersion: String(r.version) })),
    ).toMatchObject(ok);
    await write({ trigger: "A deploy doubled the batch size.", contributing: "No queue alert." });
    expect(
      await requestReview("detection,expected,lucky,recovery,response,wentWell,wentWrong"),
    ).toMatchObject(ok);
    await approve();
    expect(await publish()).toMatchObject({ ok: true, message: "Published version 1." });
    const version = await testDb.reportVersion.findFirstOrThrow({ where: { reportId: r.id } });
    expect(JSON.stringify(version.snapshot)).toContain("A deploy doubled the batch size.");
  });
});

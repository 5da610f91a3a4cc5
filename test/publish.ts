// Publishes an incident's report through the real workflow in integration tests: the editor
// writes, asks the owner for a review (confirming empty sections), the owner approves and
// publishes. Returns the new version's id.
import { expect } from "vitest";
import { mintTeamScope } from "@/lib/auth/scope";
import {
  decideReviewAction,
  publishReportAction,
  requestReviewAction,
  saveNarrativeAction,
} from "@/lib/reports/actions";
import { ensureReport } from "@/lib/reports/mutations";
import { CONFIRM_ALL_EMPTY } from "@/lib/reports/test-fixtures";
import { form } from "./actions";
import { testDb, type createTeamWithMembers } from "./factory";
import { signInAs } from "./session";

export async function publishThroughReview(
  t: Awaited<ReturnType<typeof createTeamWithMembers>>,
  incidentId: string,
  narrative: Record<string, string>,
): Promise<string> {
  await ensureReport(mintTeamScope(t.team.id), incidentId);
  const version = async () =>
    String((await testDb.report.findUniqueOrThrow({ where: { incidentId } })).version);
  signInAs(t.editor.id, t.team.id);
  const saved = await saveNarrativeAction(incidentId, {
    baseVersion: Number(await version()),
    changes: narrative,
    baseline: {},
  });
  expect(saved).toMatchObject({ ok: true });
  const asked = await requestReviewAction(
    incidentId,
    { ok: true },
    form({
      baseVersion: await version(),
      reviewerIds: t.owner.id,
      confirmEmpty: CONFIRM_ALL_EMPTY,
    }),
  );
  expect(asked).toMatchObject({ ok: true });
  signInAs(t.owner.id, t.team.id);
  await decideReviewAction(
    incidentId,
    { ok: true },
    form({ decision: "APPROVED", sectionKey: "summary", body: "" }),
  );
  const published = await publishReportAction(
    incidentId,
    { ok: true },
    form({ baseVersion: await version() }),
  );
  expect(published).toMatchObject({ ok: true });
  const latest = await testDb.reportVersion.findFirstOrThrow({
    where: { report: { incidentId } },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  return latest.id;
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireIncidentPage } from "@/lib/incidents/access";
import { getReportWorkspace, getVersionForTeam, loadReportSource } from "@/lib/reports/data";
import { ensureReport } from "@/lib/reports/mutations";
import { parseNarrative } from "@/lib/reports/sections";
import { composeReport, reportCompleteness } from "@/lib/reports/snapshot";
import { ReportEditor, CompletenessIndicator } from "@/components/reports/report-editor";
import { ReportStatusBadge } from "@/components/reports/report-status";
import { SectionComments } from "@/components/reports/section-comments";
import { ReportView, SectionBlocks } from "@/components/reports/report-view";
import { UnsavedEditsProvider } from "@/components/reports/unsaved-edits";
import { WorkflowPanel } from "@/components/reports/workflow-panel";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Report" };

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx, incident } = await requireIncidentPage(id);
  const report = await ensureReport(ctx.team.id, incident.id, ctx.user.id);
  const [source, ws] = await Promise.all([loadReportSource(ctx.team.id, report), getReportWorkspace(ctx.team.id, report)]);
  if (!source) notFound();
  const snapshot = composeReport(source);
  const canWrite = can(ctx.role, "report:write");
  const editing = report.status === "DRAFT" && canWrite;
  const narrative = parseNarrative(report.narrative);
  const latest = ws.versions[0] ?? null;
  // A published report shows exactly what was frozen, not the incident as it is now.
  const frozen = report.status === "PUBLISHED" && latest ? await getVersionForTeam(ctx.team.id, latest.id) : null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="text-lg font-semibold">After Action Report</h2>
          <ReportStatusBadge status={report.status} />
          {latest && <span className="text-sm text-slate-600">Latest published: version {latest.number}</span>}
        </div>
        <nav aria-label="Report" className="flex flex-wrap gap-2">
          <Link href={`/incidents/${incident.id}/report/versions`} className={buttonClass("secondary")}>
            Version history ({ws.versions.length})
          </Link>
          <Link href={`/print/incidents/${incident.id}/report`} className={buttonClass("secondary")}>
            Print preview
          </Link>
        </nav>
      </div>
      {report.status === "IN_REVIEW" && <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">In review: the text is locked so reviewers approve exactly what gets published. Use “Back to draft” to edit.</p>}
      {!canWrite && <p className="text-sm text-slate-600">You can read this report. Editors and owners write and publish it.</p>}
      <UnsavedEditsProvider>
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0">
            {editing ? (
              <ReportEditor
                incidentId={incident.id}
                initialVersion={report.version}
                initialNarrative={narrative}
                sections={source.template.sections}
                autoContent={Object.fromEntries(snapshot.sections.filter((s) => s.blocks.length > 0).map((s) => [s.key, <SectionBlocks key={s.key} snapshot={snapshot} section={s} />]))}
                sectionExtras={Object.fromEntries(
                  snapshot.sections.map((s) => [s.key, <SectionComments key={s.key} comments={ws.comments.filter((c) => c.sectionKey === s.key && !c.resolvedAt)} />]),
                )}
              />
            ) : (
              <div className="space-y-4">
                {!frozen && (
                  <div className="rounded-md border border-slate-200 bg-white p-3">
                    <CompletenessIndicator completeness={reportCompleteness(source.template.sections, narrative)} />
                  </div>
                )}
                <div className="rounded-lg border border-slate-200 bg-white p-6">
                  <ReportView snapshot={frozen?.snapshot ?? snapshot} audience="team" nested />
                </div>
              </div>
            )}
          </div>
          <aside aria-label="Review and publishing" className="no-print">
            <WorkflowPanel
              incidentId={incident.id}
              status={report.status}
              reportVersion={report.version}
              me={{ id: ctx.user.id, canWrite, canPublish: can(ctx.role, "report:publish") }}
              author={ws.author ?? null}
              reviewers={ws.reviewers}
              requiredApprovals={ws.requiredApprovals}
              candidates={ws.candidates}
              templates={ws.templates}
              templateId={source.template.id}
              sections={source.template.sections.filter((s) => s.enabled).map((s) => ({ key: s.key, title: s.title }))}
              comments={ws.comments}
              latestVersion={latest}
            />
          </aside>
        </div>
      </UnsavedEditsProvider>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireIncidentPage } from "@/lib/incidents/access";
import {
  getReportTemplate,
  getReportWorkspace,
  loadReportSource,
  readReport,
} from "@/lib/reports/data";
import { findTeamVersionHtmlByNumber, publishedHtmlKey } from "@/lib/reports/published-html";
import { reportContentHash } from "@/lib/reports/content";
import { approvalWithdrawn } from "@/lib/reports/workflow";
import { parseNarrative } from "@/lib/reports/sections";
import { composeReport, reportCompleteness } from "@/lib/reports/snapshot";
import { emptySections } from "@/lib/reports/readiness";
import { ReportEditor, CompletenessIndicator } from "@/components/reports/report-editor";
import { ReportStatusBadge } from "@/components/reports/report-status";
import { SectionComments } from "@/components/reports/section-comments";
import { FrozenReportHtml } from "@/components/reports/frozen-report";
import { ReportView, SectionBlocks } from "@/components/reports/report-view";
import { UnsavedEditsProvider } from "@/components/reports/unsaved-edits";
import { WorkflowPanel } from "@/components/reports/workflow-panel";
import { buttonClass } from "@/components/ui/button";
import { AttachmentsPanel } from "@/components/attachments/attachments-panel";
import { InlineAttachments } from "@/components/attachments/inline-attachments";
import { attachmentTargets, filesOf } from "@/lib/attachments/targets";
import { listIncidentAttachments } from "@/lib/attachments/data";
import { env } from "@/lib/env";
import { listTimelineTargets } from "@/lib/timeline/data";

export const metadata: Metadata = { title: "Report" };

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx, incident } = await requireIncidentPage(id);
  const report = await readReport(ctx.scope, incident.id);
  // A published report shows exactly what was frozen: its HTML stored at publish. Nothing is
  // composed from the incident for it (that is only for drafts and reports in review).
  const published = report.status === "PUBLISHED";
  const [frozenRow, ws, attachments, events] = await Promise.all([
    published ? findTeamVersionHtmlByNumber(ctx.scope, incident.id, null) : null,
    getReportWorkspace(ctx.scope, report),
    listIncidentAttachments(ctx.scope, incident.id),
    listTimelineTargets(ctx.scope, incident.id),
  ]);
  // Only the cache key goes into the React payload (FrozenReportHtml): the HTML is sent once.
  const frozenHtml = frozenRow ? await publishedHtmlKey(frozenRow, "team") : null;
  const source = frozenHtml ? null : await loadReportSource(ctx.scope, report);
  if (!frozenHtml && !source) notFound();
  const template = source ? source.template : await getReportTemplate(ctx.scope, report);
  const snapshot = source ? composeReport(source) : null;
  const canWrite = can(ctx.role, "report:write");
  const editing = report.status === "DRAFT" && canWrite && snapshot !== null;
  const narrative = parseNarrative(report.narrative);
  const latest = ws.versions[0] ?? null;
  const contentHash = snapshot ? reportContentHash(snapshot) : "";
  const withdrawn =
    report.status === "IN_REVIEW"
      ? ws.reviewers.filter((r) => approvalWithdrawn(r, contentHash)).length
      : 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="text-lg font-semibold">After Action Report</h2>
          <ReportStatusBadge status={report.status} />
          {latest && (
            <span className="text-sm text-slate-600">
              Latest published: version {latest.number}
            </span>
          )}
        </div>
        <nav aria-label="Report" className="flex flex-wrap gap-2">
          <Link
            href={`/incidents/${incident.id}/report/versions`}
            className={buttonClass("secondary")}
          >
            Version history ({ws.versions.length})
          </Link>
          <Link
            href={`/print/incidents/${incident.id}/report`}
            className={buttonClass("secondary")}
          >
            Print preview
          </Link>
        </nav>
      </div>
      {!published && (
        <p className="text-sm text-slate-700" data-testid="stakeholder-preview">
          See exactly what readers will get if you publish now:{" "}
          <a href={`/preview/incidents/${incident.id}/report`} className="text-blue-800 underline">
            internal report
          </a>{" "}
          ·{" "}
          <a
            href={`/preview/incidents/${incident.id}/report?audience=customer`}
            className="text-blue-800 underline"
          >
            customer version
          </a>
        </p>
      )}
      {report.status === "IN_REVIEW" && (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          In review: the text is locked so reviewers approve exactly what gets published. Use “Back
          to draft” to edit.
        </p>
      )}
      {withdrawn > 0 && (
        <p
          className="rounded-md border border-amber-400 bg-amber-100 px-3 py-2 text-sm font-medium text-amber-950"
          data-testid="report-changed-notice"
        >
          This report changed after it was approved (the incident, its key events, 5 Whys or action
          items), so {withdrawn === 1 ? "1 approval was" : `${withdrawn} approvals were`} withdrawn.
          It cannot be published until reviewers approve what it shows now.
        </p>
      )}
      {!canWrite && (
        <p className="text-sm text-slate-600">
          You can read this report. Editors and owners write and publish it.
        </p>
      )}
      <UnsavedEditsProvider>
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0">
            {editing && snapshot ? (
              <ReportEditor
                incidentId={incident.id}
                initialVersion={report.version}
                initialNarrative={narrative}
                sections={template.sections}
                autoContent={Object.fromEntries(
                  snapshot.sections
                    .filter((s) => s.blocks.length > 0)
                    .map((s) => [
                      s.key,
                      <SectionBlocks key={s.key} snapshot={snapshot} section={s} />,
                    ]),
                )}
                sectionExtras={Object.fromEntries(
                  snapshot.sections.map((s) => [
                    s.key,
                    <div key={s.key} className="space-y-3">
                      <InlineAttachments
                        incidentId={incident.id}
                        target={{ value: `section:${s.key}`, label: "this section" }}
                        name={`the section ${s.title}`}
                        attachments={filesOf(attachments, { sectionKey: s.key })}
                        canWrite={can(ctx.role, "incident:write")}
                        maxBytes={env().ATTACHMENT_MAX_BYTES}
                      />
                      <SectionComments
                        comments={ws.comments.filter(
                          (c) => c.sectionKey === s.key && !c.resolvedAt,
                        )}
                      />
                    </div>,
                  ]),
                )}
              />
            ) : (
              <div className="space-y-4">
                {!frozenHtml && (
                  <div className="rounded-md border border-slate-200 bg-white p-3">
                    <CompletenessIndicator
                      completeness={reportCompleteness(template.sections, narrative)}
                    />
                  </div>
                )}
                <div className="rounded-lg border border-slate-200 bg-white p-3 sm:p-6">
                  {frozenHtml ? (
                    <FrozenReportHtml
                      cacheKey={frozenHtml}
                      src={`/print/reports/${frozenRow!.id}`}
                    />
                  ) : (
                    snapshot && <ReportView snapshot={snapshot} audience="team" nested />
                  )}
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
              contentHash={contentHash}
              contributorIds={ws.contributorIds}
              candidates={ws.candidates}
              templates={ws.templates}
              templateId={template.id}
              sections={template.sections
                .filter((s) => s.enabled)
                .map((s) => ({ key: s.key, title: s.title }))}
              emptySections={emptySections(template.sections, narrative)}
              comments={ws.comments}
              latestVersion={latest}
            />
          </aside>
        </div>
      </UnsavedEditsProvider>
      {(() => {
        const { options, describe } = attachmentTargets(template.sections, events);
        return (
          <AttachmentsPanel
            incidentId={incident.id}
            canWrite={can(ctx.role, "incident:write")}
            maxBytes={env().ATTACHMENT_MAX_BYTES}
            targets={options}
            attachments={attachments.map((a) => ({
              id: a.id,
              filename: a.filename,
              contentType: a.contentType,
              size: a.size,
              caption: a.caption,
              target: describe(a),
            }))}
          />
        );
      })()}
    </div>
  );
}

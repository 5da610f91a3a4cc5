import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireIncidentPage } from "@/lib/incidents/access";
import { loadReportSource, readReport } from "@/lib/reports/data";
import { composeReport } from "@/lib/reports/snapshot";
import { PrintButton } from "@/components/reports/print-button";
import { ReportView } from "@/components/reports/report-view";

export const metadata: Metadata = { title: "Report preview" };

/** The current draft as it would print (not a published version). */
export default async function PrintDraftPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx, incident } = await requireIncidentPage(id);
  const report = await readReport(ctx.scope, incident.id);
  const source = await loadReportSource(ctx.scope, report);
  if (!source) notFound();
  return (
    <>
      <div className="no-print mb-6 flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 pb-3 text-sm">
        <Link href={`/incidents/${incident.id}/report`} className="text-blue-800 underline">
          Back to the report
        </Link>
        <PrintButton />
      </div>
      <ReportView snapshot={composeReport(source)} audience="team" />
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireTeam } from "@/lib/auth/session";
import { getVersionForTeam } from "@/lib/reports/data";
import { PrintButton } from "@/components/reports/print-button";
import { ReportView } from "@/components/reports/report-view";

export async function generateMetadata({ params }: { params: Promise<{ versionId: string }> }): Promise<Metadata> {
  const { versionId } = await params;
  const ctx = await requireTeam(`/print/reports/${versionId}`);
  const version = await getVersionForTeam(ctx.team.id, versionId);
  return { title: version ? `${version.title} (v${version.number})` : "Report" };
}

export default async function PrintVersionPage({ params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  const ctx = await requireTeam(`/print/reports/${versionId}`);
  const version = await getVersionForTeam(ctx.team.id, versionId);
  if (!version) notFound();
  return (
    <>
      <div className="no-print mb-6 flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 pb-3 text-sm">
        <Link href={`/incidents/${version.incidentId}/report/versions/${version.number}`} className="text-blue-800 underline">
          Back to the report
        </Link>
        <PrintButton />
      </div>
      <ReportView snapshot={version.snapshot} audience="team" />
    </>
  );
}

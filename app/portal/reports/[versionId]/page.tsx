import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { getPublishedVersion } from "@/lib/reports/data";
import { toStakeholderSnapshot } from "@/lib/reports/snapshot";
import { hasPortalGrant } from "@/lib/sharing/data";
import { recordPortalView } from "@/lib/sharing/mutations";
import { ReportView } from "@/components/reports/report-view";

export const metadata: Metadata = { title: "Report" };
export const dynamic = "force-dynamic";

export default async function PortalReportPage({ params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  const user = await requireUser(`/portal/reports/${versionId}`);
  // Authorized by an active grant for the signed-in address, checked on every request.
  if (!(await hasPortalGrant(user.email, versionId))) notFound();
  const version = await getPublishedVersion(versionId);
  if (!version) notFound();
  await recordPortalView({ teamId: version.teamId, incidentId: version.incidentId, versionId: version.id, email: user.email, userId: user.id });
  return (
    <div className="space-y-6">
      <Link href="/portal" className="text-sm font-medium text-blue-700 underline">
        ← All reports shared with you
      </Link>
      <ReportView snapshot={toStakeholderSnapshot(version.snapshot)} audience="stakeholder" />
    </div>
  );
}

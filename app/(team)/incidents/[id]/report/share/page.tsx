import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireIncidentPage } from "@/lib/incidents/access";
import {
  getSharingPolicy,
  latestPublishedVersion,
  listGrantsForIncident,
  listSharesForIncident,
} from "@/lib/sharing/data";
import { AutoRefresh } from "@/components/sharing/auto-refresh";
import { ShareForm } from "@/components/sharing/share-form";
import { GrantList, ShareList } from "@/components/sharing/share-list";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Share report" };

export default async function ShareReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx, incident } = await requireIncidentPage(id);
  const canShare = can(ctx.role, "report:share");
  const canManage = can(ctx.role, "team:manage");
  const [version, policy, shares, grants] = await Promise.all([
    latestPublishedVersion(ctx.scope, incident.id),
    getSharingPolicy(ctx.scope),
    listSharesForIncident(ctx.scope, incident.id),
    listGrantsForIncident(ctx.scope, incident.id),
  ]);
  const now = new Date();
  return (
    <div className="space-y-8">
      <AutoRefresh active={shares.some((s) => s.deliveryState === "QUEUED" && !s.revokedAt)} />
      <section
        aria-labelledby="share-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
      >
        <h2 id="share-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Share with stakeholders
        </h2>
        {!version ? (
          <EmptyState
            title="Nothing to share yet"
            action={
              <Link
                href={`/incidents/${incident.id}/report`}
                className="font-medium text-blue-700 underline"
              >
                Go to the report
              </Link>
            }
          >
            Stakeholders only ever see a published version. Publish the report first, then share it
            here.
          </EmptyState>
        ) : canShare && policy ? (
          <ShareForm
            incidentId={incident.id}
            versionId={version.id}
            versionNumber={version.number}
            defaultDays={Math.min(policy.shareLinkDefaultDays, policy.shareLinkMaxDays)}
            maxDays={policy.shareLinkMaxDays}
            allowAnonymous={policy.allowAnonymousShareLink}
          />
        ) : (
          <p className="text-sm text-slate-700">
            You can see who this report was shared with. Editors and owners share it and manage
            links.
          </p>
        )}
      </section>
      <section aria-labelledby="links-heading" className="space-y-3">
        <h2 id="links-heading" className="text-lg font-semibold text-slate-900">
          Shared links
        </h2>
        <ShareList incidentId={incident.id} shares={shares} canShare={canShare} now={now} />
      </section>
      <section aria-labelledby="portal-heading" className="space-y-3">
        <h2 id="portal-heading" className="text-lg font-semibold text-slate-900">
          Portal access
        </h2>
        <p className="text-sm text-slate-700">
          These addresses can read the report in the stakeholder portal after signing in with their
          email.{" "}
          {canManage
            ? "Revoking access also revokes their links to that version."
            : "Owners can revoke access."}
        </p>
        <GrantList incidentId={incident.id} grants={grants} canManage={canManage} />
      </section>
    </div>
  );
}

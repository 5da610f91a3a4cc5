import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { can } from "@/lib/auth/permissions";
import { requireIncidentPage } from "@/lib/incidents/access";
import { ResponseTimes } from "@/components/incidents/response-times";
import { incidentKey, LIFECYCLE_FIELDS, LIFECYCLE_LABELS } from "@/lib/incidents/constants";
import { getIncident } from "@/lib/incidents/data";
import { listTimeline } from "@/lib/timeline/data";
import { hasSlackBotToken } from "@/lib/chatops/data";
import { listIncidentAttachments } from "@/lib/attachments/data";
import { filesOf } from "@/lib/attachments/targets";
import { env } from "@/lib/env";
import { LocalTime } from "@/components/incidents/local-time";
import { SimilarPanel } from "@/components/search/similar-panel";
import { TimelineSection } from "@/components/timeline/timeline-section";
import { buttonClass } from "@/components/ui/button";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const { id } = await params;
  const { ctx } = await requireIncidentPage(id);
  const incident = await getIncident(ctx.scope, id);
  return { title: incident ? `${incidentKey(incident.number)} ${incident.title}` : "Incident" };
}

function Chips({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <span className="text-slate-500">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {items.map((s) => (
        <li
          key={s}
          className="rounded-md bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-800"
        >
          {s}
        </li>
      ))}
    </ul>
  );
}

export default async function IncidentOverviewPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const { ctx } = await requireIncidentPage(id);
  const [incident, events, slackReady, attachments] = await Promise.all([
    getIncident(ctx.scope, id),
    listTimeline(ctx.scope, id),
    hasSlackBotToken(ctx.scope),
    listIncidentAttachments(ctx.scope, id),
  ]);
  if (!incident) notFound();
  const canWrite = can(ctx.role, "incident:write");
  return (
    <div className="space-y-8">
      <div className="flex flex-col-reverse gap-3 lg:flex-row lg:items-start">
        <ResponseTimes times={incident} />
        {canWrite && (
          <div className="flex justify-end">
            <Link href={`/incidents/${incident.id}/edit`} className={buttonClass("secondary")}>
              Edit incident
            </Link>
          </div>
        )}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <section
          aria-labelledby="lifecycle-heading"
          className="rounded-lg border border-slate-200 bg-white p-4 lg:col-span-1"
        >
          <h2 id="lifecycle-heading" className="font-semibold text-slate-900">
            Lifecycle
          </h2>
          <dl className="mt-3 space-y-2 text-sm">
            {LIFECYCLE_FIELDS.map((f) => (
              <div key={f} className="flex justify-between gap-3">
                <dt className="text-slate-600">{LIFECYCLE_LABELS[f]}</dt>
                <dd className="text-right text-slate-900">
                  {incident[f] ? (
                    <LocalTime iso={incident[f].toISOString()} />
                  ) : (
                    <span className="text-slate-500">not yet</span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
          <dl className="mt-4 space-y-3 border-t border-slate-100 pt-4 text-sm">
            <div>
              <dt className="mb-1 text-slate-600">Affected services</dt>
              <dd>
                <Chips items={incident.services} empty="None recorded" />
              </dd>
            </div>
            <div>
              <dt className="mb-1 text-slate-600">Tags</dt>
              <dd>
                <Chips items={incident.tags} empty="No tags" />
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Recorded by</dt>
              <dd className="text-slate-900">
                {incident.createdBy.name ?? incident.createdBy.email}
              </dd>
            </div>
          </dl>
        </section>
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="summary-heading">
            <h2 id="summary-heading" className="font-semibold text-slate-900">
              Summary
            </h2>
            <p className="mt-2 text-sm whitespace-pre-wrap text-slate-800">
              {incident.summary || (
                <span className="text-slate-500">
                  No summary yet.{canWrite ? " Edit the incident to add one." : ""}
                </span>
              )}
            </p>
          </section>
          <section aria-labelledby="impact-heading">
            <h2 id="impact-heading" className="font-semibold text-slate-900">
              Customer impact
            </h2>
            <p className="mt-2 text-sm whitespace-pre-wrap text-slate-800">
              {incident.customerImpact || (
                <span className="text-slate-500">Not described yet.</span>
              )}
            </p>
          </section>
          <Suspense fallback={null}>
            <SimilarPanel scope={ctx.scope} incidentId={incident.id} />
          </Suspense>
        </div>
      </div>

      <TimelineSection
        incidentId={incident.id}
        startedAt={incident.startedAt.toISOString()}
        canWrite={canWrite}
        maxBytes={env().ATTACHMENT_MAX_BYTES}
        slackReady={slackReady}
        defaultAuthor={ctx.user.name ?? ctx.user.email.split("@")[0]}
        // Writing up a finished incident: new events default near its end rather than to now.
        defaultTime={
          incident.status === "RESOLVED" || incident.status === "CLOSED"
            ? (events.at(-1)?.occurredAt ?? incident.startedAt).toISOString()
            : null
        }
        events={events.map((e) => ({
          id: e.id,
          version: e.version,
          occurredAt: e.occurredAt.toISOString(),
          kind: e.kind,
          body: e.body,
          author: e.author,
          isKey: e.isKey,
          source: e.source,
          citedBy: e.citations.map((c) => c.node),
          attachments: filesOf(attachments, { eventId: e.id }),
        }))}
      />
    </div>
  );
}

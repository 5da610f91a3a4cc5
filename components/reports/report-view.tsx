// The After Action Report as readers see it: team pages, the print view, the emailed link
// and the stakeholder portal all render a ReportSnapshot through this one component. No
// hooks, no client APIs: it renders on the server and prints on A4 (sections flow on, with
// page-break rules and a footer from print-rules.tsx).
import { DiagramAppendix, ReportWhysDrawing } from "@/components/whys/diagram-figure";
import {
  factsNarrativeShown,
  formatDuration,
  formatTimestamp,
  showsFieldHeading,
  snapshotDurationRows,
  type ReportSnapshot,
  type SnapshotSection,
} from "@/lib/reports/snapshot";
import { categoryLabel } from "@/lib/labels";
import { ACTION_ITEM_TYPE_LABELS } from "@/lib/labels";
import { placeAttachments } from "@/lib/reports/evidence";
import { actionStatusLabel, impactWindow } from "@/lib/reports/text";
import { Markdown } from "./markdown";
import {
  AttachmentList,
  EvidenceRefs,
  SectionAttachments,
  SupportingInformation,
} from "./report-evidence";
import { ReportPrintRules } from "./print-rules";

const DECISION_LABEL = {
  PENDING: "review pending",
  APPROVED: "approved",
  CHANGES_REQUESTED: "changes requested",
} as const;

/**
 * `nested`: the report sits inside a page that already has its own h1 (the incident pages),
 * so the report title becomes an h2. Standalone pages (print, shared link, portal) omit it.
 */
export type ReportAudience = "team" | "stakeholder" | "customer";

/** `customer`: pass the snapshot through toCustomerSnapshot first (lib/reports/customer.ts); this only lays it out. */
export function ReportView({
  snapshot,
  audience,
  nested = false,
}: {
  snapshot: ReportSnapshot;
  audience: ReportAudience;
  nested?: boolean;
}) {
  const s = snapshot;
  const Title = nested ? "h2" : "h1";
  const internal = audience === "team" ? s.internal : null;
  const customer = audience === "customer";
  return (
    <article
      className="report-view mx-auto max-w-3xl space-y-8 bg-white text-slate-900"
      aria-labelledby="report-title"
      data-audience={audience}
    >
      <ReportPrintRules title={s.title} />
      <header className="space-y-2 border-b border-slate-200 pb-4">
        {s.team.logoId && (
          // Stored bytes from our own route (lib/teams/logo.ts checked them); static HTML, no next/image.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={`/api/logos/${s.team.logoId}`}
            alt={s.team.name ? `${s.team.name} logo` : "Team logo"}
            className="report-logo h-10 w-auto max-w-48 object-contain"
          />
        )}
        <p className="text-sm font-medium uppercase tracking-wide text-slate-600">
          {customer ? "Incident report" : "After Action Report"}
          {s.team.name ? (
            <span
              className="normal-case tracking-normal"
              data-testid="report-team"
            >{` · ${s.team.name}`}</span>
          ) : null}
        </p>
        <Title id="report-title" className="text-2xl font-semibold tracking-tight break-words">
          {s.title}
        </Title>
        <p className="text-sm text-slate-700">
          {s.version ? (
            <>
              Version {s.version}, published {formatTimestamp(s.publishedAt)}
              {s.publishedBy ? ` by ${s.publishedBy}` : ""}
            </>
          ) : (
            <>Draft — not published. Facts from the incident are kept current until publishing.</>
          )}
        </p>
        {internal && (internal.authorName || internal.reviewers.length > 0) && (
          <p className="text-sm text-slate-700" data-testid="report-internal">
            {/* Names only: an address printed in a report travels further than the team. */}
            {internal.authorName && <>Author: {internal.authorName}. </>}
            {internal.reviewers.length > 0 && (
              <>
                Reviewers:{" "}
                {internal.reviewers
                  .map((r) => `${r.name} (${DECISION_LABEL[r.decision]})`)
                  .join(", ")}
                .
              </>
            )}
          </p>
        )}
      </header>
      {customer && s.customerSummary && (
        <section aria-labelledby="section-customer-summary" className="report-section space-y-2">
          <h2
            id="section-customer-summary"
            className="border-b border-slate-200 pb-1 text-xl font-semibold"
          >
            Summary
          </h2>
          <Markdown source={s.customerSummary} />
        </section>
      )}
      {s.sections.length === 0 && (
        <p className="text-slate-600">This report&apos;s template has no sections enabled.</p>
      )}
      {s.sections.map((section) => (
        <section
          key={section.key}
          aria-labelledby={`section-${section.key}`}
          className="report-section space-y-4"
        >
          <h2
            id={`section-${section.key}`}
            className="border-b border-slate-200 pb-1 text-xl font-semibold"
          >
            {section.title}
          </h2>
          {section.fields.map((f) => (
            <div key={f.key} className="space-y-1">
              {showsFieldHeading(section, f) && (
                <h3 className="font-semibold text-slate-800">{f.label}</h3>
              )}
              <Markdown source={f.markdown} />
            </div>
          ))}
          <SectionAttachments snapshot={s} sectionKey={section.key} title={section.title} />
          {section.blocks.map((b) => (
            <Block key={b} snapshot={s} block={b} section={section} />
          ))}
        </section>
      ))}
      <SupportingInformation snapshot={s} />
      {s.whys.diagram && s.sections.some((sec) => sec.blocks.includes("whys")) && (
        <DiagramAppendix problem={s.whys.problem} roots={s.whys.tree} />
      )}
    </article>
  );
}

/** The facts a section's kind fills in from the incident (used beside the editor's text fields). */
export function SectionBlocks({
  snapshot,
  section,
}: {
  snapshot: ReportSnapshot;
  section: SnapshotSection;
}) {
  if (section.blocks.length === 0) return null;
  return (
    <div className="space-y-4">
      {section.blocks.map((b) => (
        <Block key={b} snapshot={snapshot} block={b} section={section} />
      ))}
    </div>
  );
}

function Block({
  snapshot: s,
  block,
  section,
}: {
  snapshot: ReportSnapshot;
  block: SnapshotSection["blocks"][number];
  section: SnapshotSection;
}) {
  switch (block) {
    case "facts":
      return <Facts snapshot={s} section={section} />;
    case "durations":
      return <Durations snapshot={s} />;
    case "timeline":
      return <KeyEvents snapshot={s} />;
    case "whys":
      return <Whys snapshot={s} />;
    case "actions":
      return <Actions snapshot={s} />;
  }
}

function Facts({ snapshot: s, section }: { snapshot: ReportSnapshot; section: SnapshotSection }) {
  const i = s.incident;
  const shown = factsNarrativeShown(section);
  const rows: [string, string][] = [
    ["Incident", i.key],
    ["Severity", i.severity],
    ["Status", i.status.charAt(0) + i.status.slice(1).toLowerCase()],
    ["Started", formatTimestamp(i.startedAt)],
    ["Detected", formatTimestamp(i.detectedAt)],
    ["Mitigated", formatTimestamp(i.mitigatedAt)],
    ["Resolved", formatTimestamp(i.resolvedAt)],
    ["Duration", formatDuration(s.durations.timeToResolveMs)],
    ...(i.impactStartedAt ? ([["Customer impact", impactWindow(s)]] as [string, string][]) : []),
    ["Services", i.services.join(", ") || "—"],
    // The customer version names no one (commanderName is null there): the row goes.
    ...(i.commanderName !== null || s.internal
      ? ([["Incident commander", i.commanderName ?? "—"]] as [string, string][])
      : []),
  ];
  return (
    <div className="space-y-3 break-inside-avoid">
      <h3 className="font-semibold text-slate-800">Incident facts</h3>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2 print:grid-cols-2">
        {rows.map(([k, v]) => (
          <div key={k} className="flex gap-2">
            <dt className="w-40 shrink-0 text-slate-600">{k}</dt>
            <dd className="font-medium break-words">{v}</dd>
          </div>
        ))}
      </dl>
      {i.summary.trim() && !shown.summary && (
        <div className="text-sm">
          <h4 className="font-medium text-slate-700">Incident summary</h4>
          <p className="whitespace-pre-wrap break-words">{i.summary}</p>
        </div>
      )}
      {i.customerImpact.trim() && !shown.impact && (
        <div className="text-sm">
          <h4 className="font-medium text-slate-700">Customer impact (from the incident)</h4>
          <p className="whitespace-pre-wrap break-words">{i.customerImpact}</p>
        </div>
      )}
    </div>
  );
}

function Durations({ snapshot: s }: { snapshot: ReportSnapshot }) {
  return (
    <div className="break-inside-avoid">
      <h3 className="font-semibold text-slate-800">Durations</h3>
      <dl className="mt-1 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4 print:grid-cols-4">
        {snapshotDurationRows(s.durations).map((r) => (
          <div key={r.key} className="rounded border border-slate-200 px-3 py-2">
            <dt className="text-slate-600">{r.label}</dt>
            <dd className="text-lg font-semibold">{formatDuration(r.ms)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function KeyEvents({ snapshot: s }: { snapshot: ReportSnapshot }) {
  return (
    <div>
      <h3 className="font-semibold text-slate-800">Key timeline events</h3>
      {s.keyEvents.length === 0 ? (
        <p className="text-sm text-slate-600">No timeline events were marked as key events.</p>
      ) : (
        <ol className="mt-1 space-y-1 text-sm">
          {s.keyEvents.map((e) => (
            <li key={e.id} className="flex gap-3 break-inside-avoid">
              <time
                dateTime={e.occurredAt}
                className="w-40 shrink-0 whitespace-nowrap font-mono text-xs leading-5 text-slate-700"
              >
                {formatTimestamp(e.occurredAt)}
              </time>
              <div className="min-w-0 break-words">
                <span className="mr-1 rounded bg-slate-100 px-1 text-xs font-medium text-slate-700">
                  {e.kind.toLowerCase()}
                </span>
                {e.body}
                {e.author ? <span className="text-slate-600"> — {e.author}</span> : null}
                <AttachmentList
                  items={placeAttachments(s).byEvent.get(e.id) ?? []}
                  label="Files attached to this event"
                />
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function Whys({ snapshot: s }: { snapshot: ReportSnapshot }) {
  const actions: Record<string, { title: string; status: string }[]> = {};
  for (const a of s.actionItems)
    if (a.whyNodeId) (actions[a.whyNodeId] ??= []).push({ title: a.title, status: a.status });
  return (
    <div className="space-y-3">
      <h3 className="font-semibold text-slate-800">5 Whys</h3>
      <ReportWhysDrawing
        problem={s.whys.problem}
        roots={s.whys.tree}
        diagram={s.whys.diagram}
        actions={actions}
      />
      <div className="break-inside-avoid">
        <h3 className="font-semibold text-slate-800">Root causes</h3>
        {s.whys.rootCauses.length === 0 ? (
          <p className="text-sm text-slate-600">No root causes have been identified.</p>
        ) : (
          <ul className="mt-1 list-disc space-y-1 pl-6 text-sm">
            {s.whys.rootCauses.map((r) => (
              <li key={r.id} className="break-words">
                {r.statement}
                {r.category ? (
                  <span className="text-slate-600"> ({categoryLabel(r.category)})</span>
                ) : null}
                <EvidenceRefs snapshot={s} nodeId={r.id} />
                {r.countermeasures === 0 ? (
                  <span className="ml-1 font-medium text-amber-900">— no countermeasure</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function Actions({ snapshot: s }: { snapshot: ReportSnapshot }) {
  return (
    <div>
      <h3 className="font-semibold text-slate-800">Action items</h3>
      {s.actionItems.length === 0 ? (
        <p className="text-sm text-slate-600">No action items were recorded.</p>
      ) : (
        <table className="mt-1 w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-2">
                Action
              </th>
              <th scope="col" className="py-1 pr-2">
                Owner
              </th>
              <th scope="col" className="py-1 pr-2">
                Due
              </th>
              <th scope="col" className="py-1 pr-2">
                Type
              </th>
              <th scope="col" className="py-1 pr-2">
                Status
              </th>
              <th scope="col" className="py-1">
                Addresses
              </th>
            </tr>
          </thead>
          <tbody>
            {s.actionItems.map((a) => (
              <tr key={a.id} className="border-b border-slate-200 align-top break-inside-avoid">
                <td className="py-1 pr-2 break-words">
                  <span className="mr-1 font-mono text-xs">{a.priority}</span>
                  {a.title}
                  {a.trackerUrl && (
                    <>
                      {" "}
                      <a
                        href={a.trackerUrl}
                        className="text-blue-800 underline"
                        rel="noopener noreferrer"
                      >
                        Tracker
                        <span className="sr-only"> for {a.title}</span>
                      </a>
                    </>
                  )}
                </td>
                <td className="py-1 pr-2">{a.ownerName ?? "Unassigned"}</td>
                <td className="py-1 pr-2 whitespace-nowrap">{a.dueDate ?? "—"}</td>
                <td className="py-1 pr-2">{a.type ? ACTION_ITEM_TYPE_LABELS[a.type] : "—"}</td>
                <td className="py-1 pr-2">{actionStatusLabel(a.status)}</td>
                <td className="py-1 break-words text-slate-700">{a.rootCause ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

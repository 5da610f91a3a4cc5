// Evidence and attached files in the report (server-rendered, static HTML like the rest of
// ReportView; it also prints). Images come from our own attachment routes (checked by content
// at upload) and load eagerly with their size, so the print/PDF waits for them and keeps the
// layout; other files are links.
import { attachmentPath } from "@/lib/attachments/urls";
import {
  describeFile,
  evidenceByNode,
  evidenceNumbers,
  isImage,
  placeAttachments,
  SUPPORTING_SECTION_ID,
} from "@/lib/reports/evidence";
import {
  formatTimestamp,
  type ReportSnapshot,
  type SnapshotAttachment,
  type SnapshotEvidence,
} from "@/lib/reports/snapshot";

export function AttachmentFigure({ a }: { a: SnapshotAttachment }) {
  const href = attachmentPath(a.id);
  if (isImage(a)) {
    return (
      <figure className="report-attachment break-inside-avoid space-y-1">
        <a href={href} className="inline-block">
          {/* Stored bytes from our own route; static HTML, no next/image. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={href}
            alt={a.caption || a.filename}
            width={a.width ?? undefined}
            height={a.height ?? undefined}
            className="h-auto max-h-[28rem] w-auto max-w-full rounded border border-slate-200"
          />
        </a>
        <figcaption className="text-sm text-slate-700">
          {a.caption ? <>{a.caption} </> : null}
          <span className="text-slate-600">({a.filename})</span>
        </figcaption>
      </figure>
    );
  }
  return (
    <p className="report-attachment text-sm">
      <a href={href} className="font-medium text-blue-800 underline">
        {a.filename}
      </a>{" "}
      <span className="text-slate-600">({describeFile(a)})</span>
      {a.caption ? <> — {a.caption}</> : null}
    </p>
  );
}

export function AttachmentList({ items, label }: { items: SnapshotAttachment[]; label: string }) {
  if (items.length === 0) return null;
  return (
    <div className="space-y-3" role="group" aria-label={label}>
      {items.map((a) => (
        <AttachmentFigure key={a.id} a={a} />
      ))}
    </div>
  );
}

/** Files attached to one section, beneath its text. */
export function SectionAttachments({
  snapshot,
  sectionKey,
  title,
}: {
  snapshot: ReportSnapshot;
  sectionKey: string;
  title: string;
}) {
  const items = placeAttachments(snapshot).bySection.get(sectionKey) ?? [];
  return <AttachmentList items={items} label={`Files attached to ${title}`} />;
}

/** "Evidence: E1, E3" beside a cause, each a link to its entry under Supporting information. */
export function EvidenceRefs({ snapshot, nodeId }: { snapshot: ReportSnapshot; nodeId: string }) {
  const cited = evidenceByNode(snapshot).get(nodeId);
  if (!cited?.length) return null;
  const numbers = evidenceNumbers(snapshot);
  return (
    <span className="text-slate-700">
      {" "}
      — evidence{" "}
      {cited.map((e, i) => (
        <span key={e.id}>
          {i > 0 ? ", " : null}
          <a href={`#evidence-${numbers.get(e.id)}`} className="text-blue-800 underline">
            E{numbers.get(e.id)}
          </a>
        </span>
      ))}
    </span>
  );
}

function EvidenceItem({ e }: { e: SnapshotEvidence }) {
  if (e.event) {
    return (
      <>
        Timeline, {formatTimestamp(e.event.occurredAt)} ({e.event.kind.toLowerCase()}):{" "}
        {e.event.body}
        {e.event.author ? <span className="text-slate-600"> — {e.event.author}</span> : null}
        {e.label ? <span className="text-slate-600"> ({e.label})</span> : null}
      </>
    );
  }
  return (
    <>
      {e.label ? <>{e.label}: </> : null}
      <a
        href={e.url ?? undefined}
        className="break-all text-blue-800 underline"
        rel="noopener noreferrer nofollow"
      >
        {e.url}
      </a>
    </>
  );
}

/** The causes' evidence and the files shown nowhere else, as the report's last section. */
export function SupportingInformation({ snapshot: s }: { snapshot: ReportSnapshot }) {
  const files = placeAttachments(s).supporting;
  if (s.evidence.length === 0 && files.length === 0) return null;
  const numbers = evidenceNumbers(s);
  const statements = new Map<string, string>();
  const walk = (nodes: ReportSnapshot["whys"]["tree"]) =>
    nodes.forEach((n) => {
      statements.set(n.id, n.statement);
      walk(n.children);
    });
  walk(s.whys.tree);
  return (
    <section aria-labelledby={SUPPORTING_SECTION_ID} className="report-section space-y-4">
      <h2
        id={SUPPORTING_SECTION_ID}
        className="border-b border-slate-200 pb-1 text-xl font-semibold"
      >
        Supporting information
      </h2>
      {s.evidence.length > 0 && (
        <div>
          <h3 className="font-semibold text-slate-800">Evidence cited in the 5 Whys</h3>
          <ol className="mt-1 space-y-2 text-sm">
            {s.evidence.map((e) => (
              <li
                key={e.id}
                id={`evidence-${numbers.get(e.id)}`}
                className="break-inside-avoid break-words"
              >
                <span className="mr-1 font-mono text-xs font-semibold">E{numbers.get(e.id)}</span>
                <EvidenceItem e={e} />
                {statements.has(e.nodeId) ? (
                  <span className="block text-slate-600">
                    Cited for: {statements.get(e.nodeId)}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      )}
      {files.length > 0 && (
        <div className="space-y-3">
          <h3 className="font-semibold text-slate-800">Attached files</h3>
          {files.map((a) => (
            <div key={a.id} className="space-y-1">
              {a.event ? (
                <p className="text-sm text-slate-700">
                  Attached to the timeline event at {formatTimestamp(a.event.occurredAt)}:{" "}
                  {a.event.body}
                </p>
              ) : null}
              <AttachmentFigure a={a} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

// The review comments beside the report, and the small parts every workflow panel shares
// (split from workflow-panel.tsx to keep each component file short).
import { addCommentAction, resolveCommentAction } from "@/lib/reports/actions";
import { COMMENT_MAX } from "@/lib/reports/schema";
import { formatTimestamp } from "@/lib/reports/snapshot";
import { ActionForm } from "./action-form";

export type Person = { id: string; name: string | null; email: string };
/** A member as shown beside their review work: the display name, else the address. */
export const display = (p: { name: string | null; email: string }) => p.name ?? p.email;

export interface ReviewComment {
  id: string;
  sectionKey: string;
  body: string;
  resolvedAt: Date | null;
  createdAt: Date;
  author: Person;
}

export function CommentsPanel(p: {
  incidentId: string;
  canWrite: boolean;
  sections: { key: string; title: string }[];
  comments: ReviewComment[];
}) {
  const sectionTitle = (key: string) =>
    p.sections.find((s) => s.key === key)?.title ?? (key === "general" ? "General" : key);
  return (
    <Panel title={`Comments (${p.comments.filter((c) => !c.resolvedAt).length} open)`}>
      {p.comments.length === 0 ? (
        <p className="text-sm text-slate-600">
          No comments yet. Reviewers comment on a section when they approve or request changes.
        </p>
      ) : (
        <ul className="space-y-3" aria-label="Comments">
          {p.comments.map((c) => (
            <li
              key={c.id}
              className={`rounded border p-2 text-sm ${c.resolvedAt ? "border-slate-200 text-slate-600" : "border-slate-300"}`}
            >
              <p className="text-xs text-slate-600">
                <span className="font-medium text-slate-800">{sectionTitle(c.sectionKey)}</span> ·{" "}
                {display(c.author)} · {formatTimestamp(c.createdAt.toISOString())}
                {c.resolvedAt ? " · resolved" : ""}
              </p>
              <p className="whitespace-pre-wrap break-words">{c.body}</p>
              {!c.resolvedAt && p.canWrite && (
                <ActionForm
                  action={resolveCommentAction.bind(null, p.incidentId, c.id)}
                  submitLabel="Resolve"
                  pendingText="Resolving…"
                  variant="secondary"
                  className="mt-1"
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {p.canWrite && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium text-slate-800">Add a comment</summary>
          <ActionForm
            action={addCommentAction.bind(null, p.incidentId)}
            submitLabel="Add comment"
            pendingText="Adding…"
            variant="secondary"
            className="mt-2 space-y-2"
            label="Add a comment"
          >
            <SectionSelect id="comment-section" sections={p.sections} />
            <CommentBox id="comment-body" label="Comment" />
          </ActionForm>
        </details>
      )}
    </Panel>
  );
}

export function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-label={title}
    >
      <h2 className="font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

export function SectionSelect({
  id,
  sections,
}: {
  id: string;
  sections: { key: string; title: string }[];
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Section
      </label>
      <select
        id={id}
        name="sectionKey"
        defaultValue="general"
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      >
        <option value="general">General</option>
        {sections.map((s) => (
          <option key={s.key} value={s.key}>
            {s.title}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CommentBox({ id, label }: { id: string; label: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        name="body"
        rows={3}
        maxLength={COMMENT_MAX}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
    </div>
  );
}

import { formatTimestamp } from "@/lib/reports/snapshot";

/** Open review comments anchored to one section, shown beside the text they are about. */
export function SectionComments({
  comments,
}: {
  comments: {
    id: string;
    body: string;
    createdAt: Date;
    author: { name: string | null; email: string };
  }[];
}) {
  if (comments.length === 0) return null;
  return (
    <div className="rounded-md border border-blue-200 bg-blue-50 p-3 text-sm">
      <p className="font-medium text-blue-950">
        Review comments on this section ({comments.length})
      </p>
      <ul className="mt-1 space-y-2">
        {comments.map((c) => (
          <li key={c.id}>
            <p className="text-xs text-slate-700">
              {c.author.name ?? c.author.email} · {formatTimestamp(c.createdAt.toISOString())}
            </p>
            <p className="whitespace-pre-wrap break-words">{c.body}</p>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-slate-700">
        Resolve comments in the Comments panel once addressed.
      </p>
    </div>
  );
}

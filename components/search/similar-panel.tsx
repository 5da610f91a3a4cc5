import type { TeamScope } from "@/lib/auth/scope";
import { findSimilarIncidents } from "@/lib/search/similar";
import { SimilarList } from "./similar-list";

/**
 * "This happened before" on the incident page. Rendered inside a Suspense boundary so the
 * page never waits for it; says nothing at all when no past incident is similar enough.
 */
export async function SimilarPanel({
  scope,
  incidentId,
}: {
  scope: TeamScope;
  incidentId: string;
}) {
  const items = await findSimilarIncidents(scope, incidentId);
  if (items.length === 0) return null;
  return (
    <section
      aria-labelledby="similar-heading"
      className="rounded-lg border border-amber-200 bg-amber-50/60 p-4"
    >
      <h2 id="similar-heading" className="text-base font-semibold text-slate-900">
        This happened before
      </h2>
      <p className="mb-2 text-sm text-slate-700">
        Past incidents of the team with a similar title or cause, most similar first.
      </p>
      <SimilarList items={items} />
    </section>
  );
}

// Ranking for "this happened before" (pure). The database answers candidate matches (a
// similar title, or a similar 5 Whys statement) with their trigram similarity; one incident
// may match several ways. Its score is its best match, plus a little for each shared service
// — a shared service alone never qualifies, so the panel stays quiet rather than noisy.
export const SIMILAR_THRESHOLD = 0.35;
export const SIMILAR_LIMIT = 5;
const SERVICE_BONUS = 0.05;

export interface SimilarCandidate {
  incidentId: string;
  kind: "title" | "cause";
  similarity: number;
  statement: string | null;
  sharedServices: number;
}

export interface SimilarMatch {
  incidentId: string;
  score: number;
  /** Why it is shown: the most similar title or cause. */
  reason: "title" | "cause";
  /** The similar cause statement of the other incident, when a cause matched. */
  matchedStatement: string | null;
  sharedServices: number;
}

export interface SimilarIncident extends SimilarMatch {
  incidentKey: string;
  title: string;
  status: string;
  startedAt: Date;
  rootCauses: { id: string; statement: string }[];
  actions: { done: number; open: number };
}

export function rankSimilar(
  candidates: SimilarCandidate[],
  threshold = SIMILAR_THRESHOLD,
): SimilarMatch[] {
  const best = new Map<string, SimilarCandidate>();
  for (const c of candidates) {
    if (c.similarity < threshold) continue;
    const current = best.get(c.incidentId);
    if (
      !current ||
      c.similarity > current.similarity ||
      (c.similarity === current.similarity && c.kind === "cause")
    )
      best.set(c.incidentId, c);
  }
  return [...best.values()]
    .map((c) => ({
      incidentId: c.incidentId,
      score: Math.min(1, c.similarity + SERVICE_BONUS * Math.min(c.sharedServices, 2)),
      reason: c.kind,
      matchedStatement: c.kind === "cause" ? c.statement : null,
      sharedServices: c.sharedServices,
    }))
    .sort((a, b) => b.score - a.score || a.incidentId.localeCompare(b.incidentId));
}

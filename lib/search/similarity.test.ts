import { describe, expect, it } from "vitest";
import { rankSimilar } from "./similarity";

const c = (
  incidentId: string,
  kind: "title" | "cause",
  similarity: number,
  sharedServices = 0,
  statement: string | null = null,
) => ({ incidentId, kind, similarity, sharedServices, statement });

describe("rankSimilar", () => {
  it("keeps each incident's best match, ranks by similarity plus a small bonus for shared services", () => {
    const ranked = rankSimilar([
      c("a", "title", 0.5),
      c("a", "cause", 0.7, 0, "pool too small"),
      c("b", "title", 0.6, 2),
      c("c", "cause", 0.72),
    ]);
    expect(ranked.map((r) => [r.incidentId, r.reason, Number(r.score.toFixed(2))])).toEqual([
      ["c", "cause", 0.72],
      ["a", "cause", 0.7],
      ["b", "title", 0.7],
    ]);
    expect(ranked[1]!.matchedStatement).toBe("pool too small");
  });

  it("drops everything below the threshold, even with shared services", () => {
    expect(rankSimilar([c("a", "title", 0.34, 5), c("b", "cause", 0.2)])).toEqual([]);
  });
});

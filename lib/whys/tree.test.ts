import { describe, expect, it } from "vitest";
import {
  branches,
  buildTree,
  checkMove,
  countNodes,
  depthOf,
  moveTargets,
  pathTo,
  reorderSiblings,
  subtreeIds,
  visibleRows,
  type WhyNodeData,
} from "./tree";

const n = (
  id: string,
  parentId: string | null,
  position = 0,
  extra: Partial<WhyNodeData> = {},
): WhyNodeData => ({
  id,
  parentId,
  statement: `statement ${id}`,
  position,
  isRootCause: false,
  category: null,
  ...extra,
});

// a ─ b ─ d
//   └ c
// e
const nodes = [n("d", "b"), n("c", "a", 1), n("b", "a", 0), n("a", null, 0), n("e", null, 1)];

describe("buildTree", () => {
  it("nests children under parents ordered by position, then id", () => {
    const roots = buildTree(nodes);
    expect(roots.map((r) => r.id)).toEqual(["a", "e"]);
    expect(roots[0].children.map((c) => c.id)).toEqual(["b", "c"]);
    expect(roots[0].children[0].children.map((c) => c.id)).toEqual(["d"]);
    expect(countNodes(roots)).toBe(5);
  });

  it("breaks position ties by id and keeps extra fields", () => {
    const roots = buildTree([
      { ...n("z", null, 0), version: 3 },
      { ...n("y", null, 0), version: 1 },
    ]);
    expect(roots.map((r) => r.id)).toEqual(["y", "z"]);
    expect(roots[1].version).toBe(3);
  });

  it("puts orphans (parent missing) at the top instead of losing them", () => {
    expect(buildTree([n("x", "gone")]).map((r) => r.id)).toEqual(["x"]);
  });
});

describe("path and depth", () => {
  it.each([
    ["a", ["a"], 1],
    ["b", ["a", "b"], 2],
    ["d", ["a", "b", "d"], 3],
    ["unknown", [], 0],
  ])("path to %s", (id, path, depth) => {
    expect(pathTo(nodes, id).map((p) => p.id)).toEqual(path);
    expect(depthOf(nodes, id)).toBe(depth);
  });

  it("stops on a corrupt cycle instead of looping", () => {
    expect(pathTo([n("p", "q"), n("q", "p")], "p").map((x) => x.id)).toEqual(["q", "p"]);
  });
});

describe("checkMove (cycle detection)", () => {
  it.each([
    ["c", "b", true],
    ["d", null, true],
    ["e", "d", true],
    ["a", "d", false],
    ["a", "a", false],
    ["b", "d", false],
    ["a", "nope", false],
    ["nope", "a", false],
  ] as const)("moving %s under %s → allowed: %s", (node, parent, ok) => {
    expect(checkMove(nodes, node, parent).ok).toBe(ok);
  });

  it("explains a cycle", () => {
    const result = checkMove(nodes, "a", "d");
    expect(result).toEqual({
      ok: false,
      reason: "A cause cannot move under itself or under one of its own causes.",
    });
  });

  it("offers every target outside the subtree except the current parent", () => {
    expect(
      moveTargets(nodes, "b")
        .map((t) => t.id)
        .sort(),
    ).toEqual(["c", "e"]);
  });

  it("collects the whole subtree", () => {
    expect([...subtreeIds(nodes, "a")].sort()).toEqual(["a", "b", "c", "d"]);
  });
});

describe("reorderSiblings", () => {
  it.each([
    [["x", "y", "z"], "y", "up", ["y", "x", "z"]],
    [["x", "y", "z"], "y", "down", ["x", "z", "y"]],
    [["x", "y", "z"], "x", "up", null],
    [["x", "y", "z"], "z", "down", null],
    [["x"], "q", "up", null],
  ] as const)("%j: %s %s", (ids, id, dir, expected) => {
    expect(reorderSiblings([...ids], id, dir)).toEqual(expected);
  });
});

describe("branches and visible rows", () => {
  it("lists one path per leaf", () => {
    expect(branches(buildTree(nodes)).map((p) => p.map((x) => x.id).join(">"))).toEqual([
      "a>b>d",
      "a>c",
      "e",
    ]);
  });

  it("hides the children of collapsed nodes and reports level and position in set", () => {
    const rows = visibleRows(buildTree(nodes), new Set(["b"]));
    expect(rows.map((r) => `${r.node.id}:${r.level}:${r.posInSet}/${r.setSize}`)).toEqual([
      "a:1:1/2",
      "b:2:1/2",
      "c:2:2/2",
      "e:1:2/2",
    ]);
  });
});

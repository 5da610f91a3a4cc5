import { describe, expect, it } from "vitest";
import { analyzeTree, checkStatement, formatSummary, jaccard, summarize, tokens } from "./quality";
import { buildTree, type WhyNodeData } from "./tree";

const node = (
  id: string,
  parentId: string | null,
  statement: string,
  extra: Partial<WhyNodeData> = {},
): WhyNodeData => ({
  id,
  parentId,
  statement,
  position: 0,
  isRootCause: false,
  category: null,
  ...extra,
});

describe("statement hints", () => {
  const members = ["Alice Okafor", "Bob Lindqvist"];
  it.each([
    ["Human error during the deploy of the billing service", "blame"],
    ["The operator was careless with the failover script", "blame"],
    ["The on-call engineer should have checked the dashboard first", "blame"],
    ["Someone forgot to renew the TLS certificate for the API", "blame"],
    ["The reviewer didn't pay attention to the migration diff", "blame"],
    ["Alice restarted the primary without draining connections", "blame"],
    ["Because Bob's script dropped the wrong table in production", "blame"],
    ["It broke", "vague"],
    ["DB slow", "vague"],
    ["Something went wrong with the deploy pipeline again", "vague"],
    ["Things failed somehow during the cutover to the new region", "vague"],
    ["The deploy job skipped the schema migration check", null],
    ["Connection pool size was fixed at 20 while traffic doubled", null],
    ["Alerting thresholds were tuned for the old cluster size", null],
  ])("%s → %s", (statement, expected) => {
    const hints = checkStatement(statement, { memberNames: members });
    expect(hints[0]?.rule ?? null).toBe(expected);
  });

  it("offers a systemic reframing for blame", () => {
    const [hint] = checkStatement("Human error by the on-call engineer", {});
    expect(hint.suggestion).toMatch(/what made this easy to get wrong/i);
  });

  it("does not treat a name inside a word as a person", () => {
    expect(
      checkStatement("Aliases in the DNS config pointed at the old load balancer", {
        memberNames: ["Ali Khan"],
      }),
    ).toEqual([]);
  });

  it("says nothing about an empty draft", () => {
    expect(checkStatement("   ", {})).toEqual([]);
  });
});

describe("tree rules", () => {
  const deepChain = Array.from({ length: 9 }, (_, i) =>
    node(
      `d${i}`,
      i === 0 ? null : `d${i - 1}`,
      `Deep reason number ${i} about replication lag growth`,
    ),
  );
  it.each([
    {
      name: "a branch ending above depth 3 without a root cause",
      nodes: [
        node("a", null, "The checkout API returned errors to customers"),
        node("b", "a", "The database connection pool was exhausted"),
      ],
      expect: { b: ["shallow"] },
    },
    {
      name: "a shallow branch that reaches a root cause is fine",
      nodes: [
        node("a", null, "The checkout API returned errors to customers"),
        node("b", "a", "The pool size was hard-coded in the chart", {
          isRootCause: true,
          category: "CAPACITY",
        }),
      ],
      expect: {},
    },
    {
      name: "a branch reaching depth 3 is fine without a root cause",
      nodes: [
        node("a", null, "The checkout API returned errors"),
        node("b", "a", "The connection pool was exhausted"),
        node("c", "b", "Traffic doubled after the campaign launch"),
      ],
      expect: {},
    },
    {
      name: "a branch deeper than 7 is probably circling",
      nodes: deepChain,
      expect: { d7: ["deep"] },
    },
    {
      name: "near-duplicates in different branches",
      nodes: [
        node("a", null, "Checkout requests failed for customers during the incident window"),
        node("a1", "a", "Failover script did not drain primary connections"),
        node("a2", "a1", "Runbook lacked drain step", { isRootCause: true, category: "PROCESS" }),
        node("b", null, "Payment requests were slow for customers in the incident window"),
        node("b1", "b", "The failover script did not drain the primary connections"),
        node("b2", "b1", "Nobody owned the runbook", { isRootCause: true, category: "PROCESS" }),
      ],
      expect: { a1: ["duplicate"], b1: ["duplicate"] },
    },
    {
      name: "similar statements on the same branch are a chain, not duplicates",
      nodes: [
        node("a", null, "The failover script did not drain the primary connections"),
        node("b", "a", "Failover script did not drain primary connections at all"),
        node("c", "b", "The drain step was never written into the script", {
          isRootCause: true,
          category: "TOOLING",
        }),
      ],
      expect: {},
    },
  ])("$name", ({ nodes, expect: expected }) => {
    const { hints } = analyzeTree(buildTree(nodes));
    const got: Record<string, string[]> = {};
    for (const [id, list] of hints) {
      const rules = list.map((h) => h.rule).filter((r) => r !== "vague");
      if (rules.length) got[id] = rules;
    }
    expect(got).toEqual(expected);
  });
});

describe("similarity", () => {
  it("normalizes case, punctuation and filler words", () => {
    expect([...tokens("The Pool, was EXHAUSTED!")]).toEqual(["pool", "exhausted"]);
    expect(jaccard(tokens("pool exhausted"), tokens("The pool was exhausted."))).toBe(1);
    expect(jaccard(tokens("pool exhausted"), tokens("disk full"))).toBe(0);
  });
});

describe("summary", () => {
  const nodes = [
    node("a", null, "The checkout API returned errors"),
    node("b", "a", "Pool exhausted", { isRootCause: true, category: "CAPACITY" }),
    node("c", "a", "Alert fired late", { isRootCause: true, category: "MONITORING" }),
    node("d", null, "Retries amplified the load"),
  ];
  it.each([
    [
      undefined,
      {
        branches: 3,
        branchesWithRootCause: 2,
        rootCauses: 2,
        rootCausesWithoutCountermeasure: null,
      },
      "3 branches, 2 reach a root cause · 2 root causes",
    ],
    [
      { b: 1 },
      { branches: 3, branchesWithRootCause: 2, rootCauses: 2, rootCausesWithoutCountermeasure: 1 },
      "3 branches, 2 reach a root cause · 2 root causes, 1 without a countermeasure",
    ],
    [
      { b: 2, c: 1 },
      { branches: 3, branchesWithRootCause: 2, rootCauses: 2, rootCausesWithoutCountermeasure: 0 },
      "3 branches, 2 reach a root cause · 2 root causes, 0 without a countermeasure",
    ],
  ])("countermeasures %j", (counts, expected, line) => {
    const summary = summarize(buildTree(nodes), counts);
    expect(summary).toEqual(expected);
    expect(formatSummary(summary)).toBe(line);
  });

  it("reads naturally for an empty tree and a single branch", () => {
    expect(formatSummary(summarize([]))).toBe("0 branches, 0 reach a root cause · 0 root causes");
    expect(
      formatSummary(
        summarize(
          buildTree([node("x", null, "Only cause", { isRootCause: true, category: "OTHER" })]),
          {},
        ),
      ),
    ).toBe("1 branch, 1 reaches a root cause · 1 root cause, 1 without a countermeasure");
  });
});

describe("performance", () => {
  it("analyzes a 300-node tree quickly", () => {
    const nodes: WhyNodeData[] = [];
    for (let i = 0; i < 300; i++)
      nodes.push(
        node(
          `n${i}`,
          i < 10 ? null : `n${Math.floor(i / 3)}`,
          `Cause ${i} about subsystem ${i % 17} and queue ${i % 11}`,
        ),
      );
    const start = performance.now();
    analyzeTree(buildTree(nodes));
    expect(performance.now() - start).toBeLessThan(500);
  });
});

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderStaticMarkup } from "@/lib/html/static-markup";
import { DIAGRAM, layoutWhyDiagram } from "@/lib/whys/diagram-layout";
import { OUTAGE_PROBLEM, outageTree } from "@/lib/whys/sample-trees";
import { textWidth } from "@/lib/whys/text-width";
import { buildTree, type WhyNodeData } from "@/lib/whys/tree";
import { CauseDiagramSvg } from "./cause-diagram-svg";

function svgOf(problem: string, nodes: WhyNodeData[]) {
  const layout = layoutWhyDiagram(problem, buildTree(nodes));
  return renderStaticMarkup(createElement(CauseDiagramSvg, { problem, layout, idPrefix: "d" }));
}

/** The text of one box, its lines joined by spaces. */
const boxText = (svg: string, id: string) =>
  [
    ...(svg.match(new RegExp(`<g data-node="${id}".*?</g>`))?.[0] ?? "").matchAll(
      /<text[^>]*>([^<]*)<\/text>/g,
    ),
  ]
    .map((m) => m[1])
    .join("");

const attr = (svg: string, name: string) =>
  [...svg.matchAll(new RegExp(` ${name}="([^"]*)"`, "g"))].map((m) => m[1]);

describe("the cause diagram SVG", () => {
  const nodes = outageTree();
  const svg = svgOf(OUTAGE_PROBLEM, nodes);

  it("draws a box for the problem and every cause, and a connector for every parent link", () => {
    expect(nodes).toHaveLength(17);
    expect(attr(svg, "data-node").sort()).toEqual(["problem", ...nodes.map((n) => n.id)].sort());
    expect(svg.match(/<g data-node=/g)).toHaveLength(18);
    // One edge per cause: top-level causes hang from the problem, the others from their parent.
    const expected = nodes.map((n) => `${n.parentId ?? "problem"}&gt;${n.id}`).sort();
    expect(attr(svg, "data-edge").sort()).toEqual(expected);
    expect(svg.match(/<path /g)).toHaveLength(17);
  });

  it("marks exactly the 7 root causes, each with its category label from lib/labels", () => {
    const roots = attr(svg, "data-kind").filter((k) => k === "root");
    expect(roots).toHaveLength(7);
    expect(svg.match(/◆ Root cause · /g)).toHaveLength(7);
    expect(boxText(svg, "b1ax")).toBe(
      "Why 4 Backup failure emails were rejected by the mail provider&#x27;s DMARC policy, so nobody ever saw them ◆ Root cause · Monitoring and detection",
    );
    expect(boxText(svg, "b3x")).toContain("◆ Root cause · Dependency or vendor");
    expect(boxText(svg, "b1x")).toBe("Why 3 Restores were never tested ◆ Root cause · Testing");
    expect(boxText(svg, "b1")).not.toContain("Root cause");
  });

  it("flows left to right: each why one column further than its parent", () => {
    const layout = layoutWhyDiagram(OUTAGE_PROBLEM, buildTree(nodes));
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const n of nodes) {
      const parent = byId.get(n.parentId ?? "problem")!;
      expect(byId.get(n.id)!.x).toBe(parent.x + DIAGRAM.boxWidth + DIAGRAM.columnGap);
    }
    expect(layout.columns).toBe(5);
    // No two boxes overlap.
    for (const a of layout.nodes)
      for (const b of layout.nodes)
        if (a !== b && a.x === b.x)
          expect(a.y + a.height <= b.y || b.y + b.height <= a.y, `${a.id} / ${b.id}`).toBe(true);
    for (const n of layout.nodes) {
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
    }
  });

  it("is labelled for assistive technology by its title and a description", () => {
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="d-title d-desc"/);
    expect(svg).toContain('<title id="d-title">5 Whys diagram</title>');
    expect(svg).toContain("17 causes, of which 7 are root causes");
  });

  it("escapes every text, so a statement can never become markup", () => {
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const out = svgOf(`Problem ${hostile}`, [
      {
        id: 'n"1',
        parentId: null,
        statement: hostile,
        position: 0,
        isRootCause: true,
        category: null,
      },
    ]);
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(out).toContain('data-node="n&quot;1"');
    expect(out).toContain("◆ Root cause · Uncategorised");
  });

  it("wraps long statements inside their box and keeps every word", () => {
    const long =
      "The connection pool kept handing out sockets to the old primary because its health check only ran when a connection was created, never while idle, so after the failover every request waited for a TCP timeout";
    const layout = layoutWhyDiagram(
      "P",
      buildTree([
        {
          id: "x",
          parentId: null,
          statement: long,
          position: 0,
          isRootCause: false,
          category: null,
        },
      ]),
    );
    const box = layout.nodes.find((n) => n.id === "x")!;
    const text = box.lines.filter((l) => l.style === "text").map((l) => l.text);
    expect(text.length).toBeGreaterThan(5);
    expect(text.join("")).toBe(long);
    for (const line of text)
      expect(textWidth(line.trimEnd(), DIAGRAM.fontSize)).toBeLessThanOrEqual(
        DIAGRAM.boxWidth - DIAGRAM.padding * 2,
      );
    // The box grows with its text: caption + lines, each inside the box.
    expect(box.height).toBeGreaterThan(text.length * DIAGRAM.lineHeight);
    const wordless = layoutWhyDiagram(
      "P",
      buildTree([
        {
          id: "u",
          parentId: null,
          statement: "https://example.test/" + "a".repeat(120),
          position: 0,
          isRootCause: false,
          category: null,
        },
      ]),
    ).nodes.find((n) => n.id === "u")!;
    expect(
      wordless.lines
        .filter((l) => l.style === "text")
        .map((l) => l.text)
        .join(""),
    ).toBe("https://example.test/" + "a".repeat(120));
  });

  it("renders the same bytes as React (the stored report and the editor agree)", () => {
    const layout = layoutWhyDiagram(OUTAGE_PROBLEM, buildTree(nodes));
    const element = createElement(CauseDiagramSvg, {
      problem: OUTAGE_PROBLEM,
      layout,
      idPrefix: "d",
    });
    expect(renderStaticMarkup(element)).toBe(renderToStaticMarkup(element));
  });

  it("draws an empty tree as the problem alone", () => {
    const out = svgOf("Nothing analysed yet", []);
    expect(attr(out, "data-node")).toEqual(["problem"]);
    expect(out).not.toContain("<path");
  });
});

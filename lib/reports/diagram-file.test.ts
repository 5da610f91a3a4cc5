import { describe, expect, it } from "vitest";
import { renderPublishedReport } from "@/components/reports/report-html";
import { composeReport } from "./snapshot";
import { sampleSource } from "./test-fixtures";
import { diagramFilename, diagramSvgFile } from "./diagram-file";

const base = sampleSource();
// A cause that names the commander: the customer version's drawing says "the incident commander".
const source = sampleSource({
  whyNodes: [
    ...base.whyNodes,
    {
      id: "w4",
      parentId: "w2",
      statement: "Dana skipped the pool check",
      position: 0,
      isRootCause: false,
      category: null,
    },
  ],
});
const html = renderPublishedReport(composeReport(source));
/** The drawing's text as read (boxes wrap a statement over several <text> lines). */
const drawnText = (svg: string) =>
  [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.trim()).join(" ");

describe("diagramSvgFile", () => {
  const file = diagramSvgFile(html.stakeholderHtml)!;

  it("is a standalone SVG document with the problem and every cause and connector", () => {
    expect(file).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    expect(file.match(/data-node="/g)).toHaveLength(source.whyNodes.length + 1);
    expect(file.match(/data-edge="/g)).toHaveLength(source.whyNodes.length);
    expect(file.match(/<svg\b/g)).toHaveLength(1);
    expect(file.trimEnd().endsWith("</svg>")).toBe(true);
    expect(drawnText(file)).toContain("Connection pool kept stale connections");
  });

  it("keeps the drawing's own styles and drops the page's sizing", () => {
    const root = file.slice(0, file.indexOf(">", file.indexOf("<svg")) + 1);
    expect(root).not.toContain("class=");
    expect(root).not.toContain("--diagram-min");
    expect(root).toMatch(/style="font-family:/);
    expect(root).toMatch(/ width="\d+" height="\d+"/);
  });

  it("cuts the customer version's drawing from the customer HTML: names replaced", () => {
    expect(drawnText(file)).toContain("Dana skipped the pool check");
    const customer = diagramSvgFile(html.customerHtml)!;
    expect(drawnText(customer)).toContain("The incident commander skipped the pool check");
    expect(customer).not.toContain("Dana");
  });

  it("finds none in HTML without the report's drawing (a version published as a list)", () => {
    expect(
      diagramSvgFile('<figure><ul class="why-diagram"><li>5 Whys</li></ul></figure>'),
    ).toBeNull();
    // Another drawing on the page (an attachment's inline SVG would never be stored) is not it.
    expect(
      diagramSvgFile('<svg aria-labelledby="logo-title"><title id="logo-title">x</title></svg>'),
    ).toBeNull();
  });
});

describe("diagramFilename", () => {
  it("names the file by the incident's number, as the editor's download does", () => {
    expect(diagramFilename("INC-42: Checkout errors")).toBe("incident-42-5-whys.svg");
    expect(diagramFilename('"><script>')).toBe("5-whys.svg");
  });
});

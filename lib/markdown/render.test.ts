import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown } from "./render";

describe("renderMarkdown", () => {
  it("renders ordinary Markdown", () => {
    const html = renderMarkdown(
      "**Bold** and _em_\n\n- one\n- two\n\n[docs](https://example.com/runbook)",
    );
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).toContain("<em>em</em>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain(
      '<a href="https://example.com/runbook" rel="noopener noreferrer nofollow">docs</a>',
    );
  });

  it("returns nothing for blank input", () => {
    expect(renderMarkdown("   \n ")).toBe("");
  });

  it("demotes h1/h2 so sections keep the report's heading structure", () => {
    expect(renderMarkdown("# Big\n\n## Smaller")).toBe("<h3>Big</h3>\n<h4>Smaller</h4>");
  });

  const vectors: [string, string][] = [
    ["script tag", "<script>alert(1)</script>hello"],
    ["img onerror", '<img src=x onerror="alert(1)">'],
    ["event handler on allowed tag", '<a href="https://ok.example" onclick="alert(1)">x</a>'],
    ["javascript: link in Markdown", "[click](javascript:alert(1))"],
    ["javascript: link with entity obfuscation", '<a href="jav&#x09;ascript:alert(1)">x</a>'],
    ["uppercase JAVASCRIPT", "[x](JAVASCRIPT:alert(1))"],
    ["data: link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["vbscript: link", '<a href="vbscript:msgbox(1)">x</a>'],
    ["inline style", '<p style="background:url(javascript:alert(1))">styled</p>'],
    ["style tag", "<style>body{display:none}</style>text"],
    ["iframe", '<iframe src="https://evil.example"></iframe>'],
    ["svg with onload", '<svg onload="alert(1)"><circle/></svg>'],
    ["form and input", '<form action="https://evil.example"><input name="x"></form>'],
    ["protocol-relative link", '<a href="//evil.example">x</a>'],
  ];

  it.each(vectors)("neutralises %s", (_name, input) => {
    const html = renderMarkdown(input);
    expect(html).not.toMatch(
      /<script|<style|<iframe|<svg|<img|<form|<input|onerror|onclick|onload|style=/i,
    );
    expect(html).not.toMatch(/javascript:|vbscript:|data:text/i);
    expect(html).not.toMatch(/href="\/\//);
  });

  it("keeps the text of stripped markup readable", () => {
    expect(renderMarkdown("<script>alert(1)</script>hello")).toContain("hello");
    expect(renderMarkdown('<p style="color:red">styled</p>')).toBe("<p>styled</p>");
  });

  it("escapes text that merely looks like HTML inside code", () => {
    expect(renderMarkdown("`<b>not bold</b>`")).toBe(
      "<p><code>&lt;b&gt;not bold&lt;/b&gt;</code></p>",
    );
  });
});

describe("markdownToText", () => {
  it("strips formatting", () => {
    expect(markdownToText("**Bold** [link](https://x.example)")).toBe("Bold link");
  });
});

describe("images from elsewhere", () => {
  it("are never loaded: each becomes a link to it labelled with its alt text", () => {
    const html = renderMarkdown(
      "Before ![Grafana p99 latency](https://grafana.example/render/p99.png) after",
    );
    expect(html).not.toMatch(/<img/i);
    expect(html).toBe(
      '<p>Before <a href="https://grafana.example/render/p99.png" rel="noopener noreferrer nofollow">Image: Grafana p99 latency</a> after</p>',
    );
  });

  it("keep the address as the label when there is no alt text, and the alt text when the address is unsafe", () => {
    expect(renderMarkdown("![](https://cdn.example/x.png)")).toContain(
      ">Image: https://cdn.example/x.png</a>",
    );
    const unsafe = renderMarkdown('<img src="javascript:alert(1)" alt="chart">');
    expect(unsafe).toContain("Image: chart");
    expect(unsafe).not.toMatch(/javascript:|<img/i);
    expect(renderMarkdown("![pixel](data:image/png;base64,iVBORw0KGgo=)")).toBe(
      '<p><a rel="noopener noreferrer nofollow">Image: pixel</a></p>',
    );
  });

  it("raw HTML images are treated the same, escaping their alt text", () => {
    const html = renderMarkdown(
      '<img src="https://t.example/pixel.gif" alt="<b>x</b>" onerror="alert(1)">',
    );
    expect(html).not.toMatch(/<img|onerror|<b>/i);
    expect(html).toContain("Image: &lt;b&gt;x&lt;/b&gt;");
  });

  it("keep alt text and address in plain text", () => {
    expect(markdownToText("See ![p99 latency](https://grafana.example/p99.png).")).toBe(
      "See Image: p99 latency (https://grafana.example/p99.png).",
    );
  });
});

import { describe, expect, it, vi } from "vitest";

vi.mock("./render", async (original) => {
  const real = await original<typeof import("./render")>();
  return { ...real, renderMarkdown: vi.fn(real.renderMarkdown) };
});

describe("renderMarkdownCached", () => {
  it("renders each text once and returns the same safe HTML", async () => {
    const { renderMarkdown } = await import("./render");
    const { renderMarkdownCached } = await import("./cache");
    const text = "We **lost** checkouts <script>alert(1)</script>";
    const first = renderMarkdownCached(text);
    for (let i = 0; i < 20; i++) expect(renderMarkdownCached(text)).toBe(first);
    expect(first).toContain("<strong>lost</strong>");
    expect(first).not.toContain("<script");
    expect(vi.mocked(renderMarkdown)).toHaveBeenCalledTimes(1);
    renderMarkdownCached(`${text} again`);
    expect(vi.mocked(renderMarkdown)).toHaveBeenCalledTimes(2);
  });
});

import { describe, expect, it } from "vitest";
import { HtmlLru } from "./html-cache";

// Cost of an entry: 2 bytes a character plus its UTF-8 bytes (3 per ASCII character).
const html = (n: number, c = "a") => c.repeat(n);

describe("HtmlLru", () => {
  it("keeps entries within its byte budget, dropping the least recently used first", () => {
    const lru = new HtmlLru(3 * 300);
    lru.set("a", html(100, "a"));
    lru.set("b", html(100, "b"));
    lru.set("c", html(100, "c"));
    expect(lru.bytesUsed).toBe(900);
    expect(lru.get("a")?.html).toBe(html(100, "a")); // a is now the most recent
    lru.set("d", html(100, "d"));
    expect(lru.get("b")).toBeUndefined();
    expect(["a", "c", "d"].map((k) => lru.get(k)?.html.length)).toEqual([100, 100, 100]);
    expect(lru.size).toBe(3);
    expect(lru.bytesUsed).toBe(900);
  });

  it("encodes once to UTF-8 and serves the same bytes", () => {
    const lru = new HtmlLru(1 << 20);
    const made = lru.set("k", "<p>Grüße</p>");
    expect(new TextDecoder().decode(made.bytes)).toBe("<p>Grüße</p>");
    expect(lru.get("k")!.bytes).toBe(made.bytes);
  });

  it("serves but does not keep an entry bigger than the whole budget, and replaces a key", () => {
    const lru = new HtmlLru(100);
    expect(lru.set("big", html(200)).html).toHaveLength(200);
    expect(lru.size).toBe(0);
    lru.set("k", html(10));
    lru.set("k", html(20));
    expect(lru.size).toBe(1);
    expect(lru.bytesUsed).toBe(60);
    lru.delete("k");
    expect(lru.bytesUsed).toBe(0);
  });
});

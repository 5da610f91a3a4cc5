import { describe, expect, it } from "vitest";
import { appNodeOptions as options, appServerEnv, DEFAULT_MAX_HEAP_MB } from "./node-options";

const appNodeOptions = (env: Record<string, string>) => options(env as NodeJS.ProcessEnv);

describe("appNodeOptions", () => {
  it("caps the heap by default, keeps other options, and lets MAX_HEAP_MB or NODE_OPTIONS decide", () => {
    expect(appNodeOptions({})).toBe(`--max-old-space-size=${DEFAULT_MAX_HEAP_MB}`);
    expect(appNodeOptions({ NODE_OPTIONS: "--enable-source-maps" })).toBe(
      `--enable-source-maps --max-old-space-size=${DEFAULT_MAX_HEAP_MB}`,
    );
    expect(appNodeOptions({ MAX_HEAP_MB: "512" })).toBe("--max-old-space-size=512");
    expect(appNodeOptions({ NODE_OPTIONS: "--max-old-space-size=1024", MAX_HEAP_MB: "512" })).toBe(
      "--max-old-space-size=1024",
    );
    expect(() => appNodeOptions({ MAX_HEAP_MB: "lots" })).toThrow(/MAX_HEAP_MB/);
  });
});

describe("appServerEnv", () => {
  it("adds two malloc arenas unless MALLOC_ARENA_MAX is set, beside the heap cap", () => {
    expect(appServerEnv({})).toEqual({
      NODE_OPTIONS: `--max-old-space-size=${DEFAULT_MAX_HEAP_MB}`,
      MALLOC_ARENA_MAX: "2",
    });
    expect(appServerEnv({ MALLOC_ARENA_MAX: "8", MAX_HEAP_MB: "512" })).toEqual({
      NODE_OPTIONS: "--max-old-space-size=512",
      MALLOC_ARENA_MAX: "8",
    });
  });
});

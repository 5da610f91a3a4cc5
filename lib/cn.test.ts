import { describe, expect, it } from "vitest";
import { buttonClass } from "@/components/ui/button";
import { cn } from "./cn";

describe("cn", () => {
  it("lets a later class replace an earlier one for the same property", () => {
    expect(cn("px-3 py-2 text-sm", "py-1")).toBe("px-3 text-sm py-1");
    expect(cn("bg-blue-700", false && "hidden", undefined, ["bg-red-700"])).toBe("bg-red-700");
  });

  it("lets a button's caller override its padding without !important", () => {
    const cls = buttonClass("secondary", "py-1").split(" ");
    expect(cls).toContain("py-1");
    expect(cls).not.toContain("py-2");
  });
});

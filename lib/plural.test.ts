import { describe, expect, it } from "vitest";
import { count } from "./plural";

describe("count", () => {
  it("uses the singular for exactly one, the plural otherwise", () => {
    expect(count(1, "incident")).toBe("1 incident");
    expect(count(0, "incident")).toBe("0 incidents");
    expect(count(2, "recurring cause")).toBe("2 recurring causes");
    expect(count(1, "branch", "branches")).toBe("1 branch");
    expect(count(3, "branch", "branches")).toBe("3 branches");
    expect(count(12500, "incident")).toBe("12,500 incidents");
  });
});

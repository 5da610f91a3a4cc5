import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes commas, quotes and newlines and leaves numbers and empty cells plain", () => {
    expect(
      toCsv(
        ["Month", "Note", "Count"],
        [
          ["2026-01", 'say "hi", then\nleave', 3],
          ["2026-02", null, 0],
        ],
      ),
    ).toBe('Month,Note,Count\r\n2026-01,"say ""hi"", then\nleave",3\r\n2026-02,,0\r\n');
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(toCsv(["Cause"], [['=HYPERLINK("x")'], ["-1+2"], ["@SUM(A1)"]])).toBe(
      'Cause\r\n"\'=HYPERLINK(""x"")"\r\n\'-1+2\r\n\'@SUM(A1)\r\n',
    );
  });
});

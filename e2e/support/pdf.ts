import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Each page's text as a reader would copy it, extracted by poppler's pdftotext (installed by .ci/run). */
export function pdfPages(pdf: Buffer): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), "aar-pdf-"));
  const file = path.join(dir, "report.pdf");
  writeFileSync(file, pdf);
  try {
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    // pdftotext ends every page with a form feed.
    return text
      .split("\f")
      .slice(0, -1)
      .map((p) => p.replace(/\s+/g, " ").trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

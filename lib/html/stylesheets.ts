import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";

let cached: string[] | undefined;

/**
 * The app's compiled stylesheets (Tailwind and app/globals.css) as Next serves them. Route
 * handlers that write whole HTML documents cannot import CSS, so they link the files the build
 * emitted: every .css chunk in <distDir>/static/chunks (one file today; all of them if the
 * build ever splits it). Read once per process.
 */
export function stylesheetHrefs(): string[] {
  if (cached) return cached;
  const dir = path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "static", "chunks");
  try {
    cached = readdirSync(dir)
      .filter((f) => f.endsWith(".css"))
      .sort()
      .map((f) => `/_next/static/chunks/${f}`);
  } catch {
    cached = [];
  }
  return cached;
}

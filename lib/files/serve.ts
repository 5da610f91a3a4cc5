// One way to send stored user files (team logos, attachments): the type that was read from the
// content at upload, `nosniff` so no browser second-guesses it, a script-free sandbox so even a
// file opened directly cannot run anything, and a Content-Disposition whose name is safe in
// every browser (an ASCII fallback plus the RFC 6266 UTF-8 form).
import { FILE_CSP } from "@/lib/security/headers";

/** Types shown in the page (everything else is offered as a download). */
export const INLINE_TYPES: ReadonlySet<string> = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
]);

const EXTENSION: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
  "application/pdf": "pdf",
  "text/plain": "txt",
  "text/csv": "csv",
  "application/json": "json",
};

/** The usual extension for a stored type, or null for a type we never store. */
export function extensionFor(contentType: string): string | null {
  return EXTENSION[contentType] ?? null;
}

/** The header value; `filename` must already be sanitized (lib/attachments/content-type.ts). */
export function contentDisposition(disposition: "inline" | "attachment", filename: string) {
  const ascii = filename
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
  filename: string;
}

/**
 * The response for a stored file. Images are shown inline; anything else is a download, so a
 * PDF or a text file never renders as a page of this origin. `cache`: "immutable" for content
 * addressed by a never-reused id that anyone may fetch (logos), "private" otherwise.
 */
export function fileResponse(
  file: StoredFile,
  options: { cache: "immutable" | "private"; crossOrigin?: boolean },
): Response {
  const inline = INLINE_TYPES.has(file.contentType);
  const textual = file.contentType.startsWith("text/") || file.contentType === "application/json";
  const headers: Record<string, string> = {
    "Content-Type": textual ? `${file.contentType}; charset=utf-8` : file.contentType,
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", file.filename),
    "Content-Length": String(file.bytes.byteLength),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": FILE_CSP,
    "Cache-Control":
      options.cache === "immutable"
        ? "public, max-age=31536000, immutable"
        : "private, max-age=300, must-revalidate",
  };
  // Logos appear in emails read on other origins; attachments only on our own pages.
  headers["Cross-Origin-Resource-Policy"] = options.crossOrigin ? "cross-origin" : "same-origin";
  return new Response(new Uint8Array(file.bytes), { headers });
}

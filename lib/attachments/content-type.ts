// What an uploaded file really is (pure). The type is read from the bytes — magic numbers for
// images and PDF, a strict UTF-8 check for text — never from the file name or the type the
// browser declared, so a PNG named "graph.pdf" is stored as a PNG and an HTML page named
// "shot.png" is refused. SVG, HTML and XML are refused outright: served from our origin they
// could run script. Image decoding reuses the team logo's header reader (lib/teams/logo.ts).
import { extensionFor } from "@/lib/files/serve";
import { sniffImage } from "@/lib/teams/logo";

/** Larger images would decode into a bitmap that can stall a reader's browser or the PDF. */
export const ATTACHMENT_MAX_PIXELS = 12_000;
export const FILENAME_MAX_LENGTH = 120;

export type AttachmentType =
  | "image/png"
  | "image/jpeg"
  | "image/gif"
  | "image/webp"
  | "application/pdf"
  | "text/plain"
  | "text/csv"
  | "application/json";

export interface SniffedFile {
  contentType: AttachmentType;
  width: number | null;
  height: number | null;
}

export const ACCEPTED_DESCRIPTION =
  "an image (PNG, JPEG, GIF, WebP), a PDF, or a text file (.txt, .log, .csv, .json)";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Markup that a browser would render as a document (or an image that can carry script). */
const MARKUP = /^\s*<(?:!doctype|html|head|body|script|svg|\?xml|iframe|object|meta|!--)/i;

function sniffText(bytes: Uint8Array, filename: string): AttachmentType | "markup" | null {
  if (bytes.includes(0)) return null;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  // Text is always served as a download with nosniff, but a document that starts as markup is
  // refused anyway: it is no log or CSV, and some tool that opens it later might render it.
  if (MARKUP.test(text.replace(/^\uFEFF/, ""))) return "markup";
  const ext = filename.toLowerCase().split(".").pop();
  if (ext === "csv") return "text/csv";
  if (ext === "json") {
    try {
      JSON.parse(text);
      return "application/json";
    } catch {
      return "text/plain";
    }
  }
  return "text/plain";
}

export type SniffResult = { ok: true; file: SniffedFile } | { ok: false; message: string };

/** The file's real type from its bytes, or why it cannot be attached (a message for the field). */
export function sniffAttachment(bytes: Uint8Array, filename: string): SniffResult {
  if (bytes.length === 0) return { ok: false, message: "This file is empty." };
  const image = sniffImage(bytes);
  if (image) {
    if (image.width < 1 || image.height < 1)
      return { ok: false, message: "This image has no size; it may be damaged." };
    if (image.width > ATTACHMENT_MAX_PIXELS || image.height > ATTACHMENT_MAX_PIXELS)
      return {
        ok: false,
        message: `Images can be at most ${ATTACHMENT_MAX_PIXELS} pixels wide and high; this one is ${image.width} × ${image.height}.`,
      };
    return {
      ok: true,
      file: { contentType: image.type, width: image.width, height: image.height },
    };
  }
  if (bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === "%PDF-")
    return { ok: true, file: { contentType: "application/pdf", width: null, height: null } };
  const text = sniffText(bytes, filename);
  if (text === "markup")
    return {
      ok: false,
      message:
        "HTML, SVG and XML files are not accepted: they can carry script. Attach a screenshot (PNG) or a PDF instead.",
    };
  if (text) return { ok: true, file: { contentType: text, width: null, height: null } };
  return { ok: false, message: `This file type is not accepted. Attach ${ACCEPTED_DESCRIPTION}.` };
}

/**
 * A file name safe to store, show and send in a header: the last path segment only, no control
 * or reserved characters, no leading dots, at most FILENAME_MAX_LENGTH characters with the
 * extension kept. Letters of any script stay (a Japanese team's file names are readable).
 */
export function sanitizeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[<>:"|?*;%`$]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (!cleaned) return "attachment";
  if (cleaned.length <= FILENAME_MAX_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, FILENAME_MAX_LENGTH - ext.length).trimEnd() + ext;
}

/** The stored name with the extension of its real type ("graph.pdf" holding a PNG → "graph.png"). */
export function filenameForType(filename: string, contentType: string): string {
  const ext = extensionFor(contentType);
  if (!ext) return filename;
  const dot = filename.lastIndexOf(".");
  const current = dot > 0 ? filename.slice(dot + 1).toLowerCase() : "";
  const same =
    current === ext ||
    (ext === "jpg" && current === "jpeg") ||
    (ext === "txt" && ["log", "text", "md"].includes(current));
  if (same) return filename;
  const stem = dot > 0 ? filename.slice(0, dot) : filename;
  return `${stem.slice(0, FILENAME_MAX_LENGTH - ext.length - 1)}.${ext}`;
}

export function isImageType(contentType: string): boolean {
  return contentType.startsWith("image/");
}

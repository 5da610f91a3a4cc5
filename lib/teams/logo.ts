// Team logos (pure): what an upload must be before its bytes are stored. The type is read
// from the content (magic bytes and the image header), never from the file name or the
// browser's declared type; SVG is refused because it can carry script, and the pixel size is
// capped so a small file cannot decode into a huge bitmap in a reader's browser.

export const LOGO_MAX_BYTES = 256 * 1024;
export const LOGO_MAX_PIXELS = 2048;

export type LogoType = "image/png" | "image/jpeg" | "image/webp" | "image/gif";

export interface LogoInfo {
  type: LogoType;
  width: number;
  height: number;
}

const ascii = (b: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...b.subarray(from, from + length));
const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
const u32be = (b: Uint8Array, at: number) =>
  ((b[at] << 24) >>> 0) + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);

function png(b: Uint8Array): LogoInfo | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 24 || signature.some((v, i) => b[i] !== v) || ascii(b, 12, 4) !== "IHDR")
    return null;
  return { type: "image/png", width: u32be(b, 16), height: u32be(b, 20) };
}

function gif(b: Uint8Array): LogoInfo | null {
  if (b.length < 10 || !["GIF87a", "GIF89a"].includes(ascii(b, 0, 6))) return null;
  return { type: "image/gif", width: u16le(b, 6), height: u16le(b, 8) };
}

function jpeg(b: Uint8Array): LogoInfo | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  // Walk the segments to the first start-of-frame marker, which holds the size.
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const isFrame =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { type: "image/jpeg", height: u16be(b, at + 5), width: u16be(b, at + 7) };
    at += 2 + u16be(b, at + 2);
  }
  return null;
}

function webp(b: Uint8Array): LogoInfo | null {
  if (b.length < 30 || ascii(b, 0, 4) !== "RIFF" || ascii(b, 8, 4) !== "WEBP") return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8X")
    return { type: "image/webp", width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === "VP8L" && b[20] === 0x2f) {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { type: "image/webp", width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8 " && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { type: "image/webp", width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  return null;
}

/** The image's real type and size from its bytes, or null when it is none of the accepted formats. */
export function sniffImage(bytes: Uint8Array): LogoInfo | null {
  return png(bytes) ?? jpeg(bytes) ?? gif(bytes) ?? webp(bytes);
}

/** Why these bytes cannot be a team logo (a message for the upload field), or the image's info. */
export function checkLogo(
  bytes: Uint8Array,
): { ok: true; info: LogoInfo } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: "Choose an image file." };
  if (bytes.length > LOGO_MAX_BYTES)
    return {
      ok: false,
      message: `The logo can be at most ${LOGO_MAX_BYTES / 1024} KB; this file is ${Math.ceil(bytes.length / 1024)} KB.`,
    };
  const info = sniffImage(bytes);
  if (!info)
    return {
      ok: false,
      message: "Upload a PNG, JPEG, WebP or GIF image (SVG is not accepted: it can carry script).",
    };
  if (info.width < 1 || info.height < 1)
    return { ok: false, message: "This image has no size; it may be damaged." };
  if (info.width > LOGO_MAX_PIXELS || info.height > LOGO_MAX_PIXELS) {
    return {
      ok: false,
      message: `The logo can be at most ${LOGO_MAX_PIXELS} × ${LOGO_MAX_PIXELS} pixels; this one is ${info.width} × ${info.height}.`,
    };
  }
  return { ok: true, info };
}

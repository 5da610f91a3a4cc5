import { describe, expect, it } from "vitest";
import { checkLogo, LOGO_MAX_BYTES, sniffImage } from "./logo";

const b64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));
// Real 1×1 images as encoders write them.
const PNG_1x1 = b64(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
);
const GIF_1x1 = b64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
const JPEG_1x1 = b64(
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
);
const WEBP_LOSSLESS_1x1 = b64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

/** A PNG header claiming the given size (enough for the checks, which read the header only). */
function pngHeader(width: number, height: number) {
  const b = new Uint8Array(PNG_1x1);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
}

describe("team logo checks read the content, not the name", () => {
  it.each([
    ["PNG", PNG_1x1, "image/png"],
    ["GIF", GIF_1x1, "image/gif"],
    ["JPEG", JPEG_1x1, "image/jpeg"],
    ["WebP (lossless)", WEBP_LOSSLESS_1x1, "image/webp"],
  ])("accepts a real %s and reads its size", (_name, bytes, type) => {
    expect(sniffImage(bytes)).toEqual({ type, width: 1, height: 1 });
    expect(checkLogo(bytes)).toMatchObject({ ok: true, info: { type } });
  });

  it("refuses SVG, HTML and anything else, whatever the file was called", () => {
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const html = new TextEncoder().encode("<!doctype html><script>alert(1)</script>");
    for (const bytes of [svg, html, new Uint8Array([0x89, 0x50, 0x4e, 0x47])]) {
      expect(checkLogo(bytes)).toEqual({
        ok: false,
        message:
          "Upload a PNG, JPEG, WebP or GIF image (SVG is not accepted: it can carry script).",
      });
    }
  });

  it("refuses an empty file, one over the byte limit, and a small file that decodes huge", () => {
    expect(checkLogo(new Uint8Array())).toEqual({ ok: false, message: "Choose an image file." });
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(PNG_1x1);
    expect(checkLogo(big)).toEqual({
      ok: false,
      message: "The logo can be at most 256 KB; this file is 257 KB.",
    });
    expect(checkLogo(pngHeader(20_000, 20_000))).toEqual({
      ok: false,
      message: "The logo can be at most 2048 × 2048 pixels; this one is 20000 × 20000.",
    });
    expect(checkLogo(pngHeader(0, 10))).toEqual({
      ok: false,
      message: "This image has no size; it may be damaged.",
    });
    expect(checkLogo(pngHeader(2048, 512))).toMatchObject({ ok: true });
  });
});

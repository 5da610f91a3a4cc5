import { describe, expect, it } from "vitest";
import { contentDisposition } from "@/lib/files/serve";
import { filenameForType, sanitizeFilename, sniffAttachment } from "./content-type";

const PNG_1x1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
// A baseline JPEG header up to the start-of-frame marker (2 × 3 pixels).
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x03, 0x00, 0x02, 0x03, 0x01, 0x22,
  0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9,
]);
const text = (s: string) => new TextEncoder().encode(s);

describe("sniffAttachment: the type comes from the bytes", () => {
  it.each([
    ["a PNG named .pdf", PNG_1x1, "graph.pdf", "image/png"],
    ["a GIF", GIF, "x.gif", "image/gif"],
    ["a JPEG named .png", JPEG, "photo.png", "image/jpeg"],
    ["a PDF", text("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "runbook.pdf", "application/pdf"],
    ["a log", text("2026-12-03 12:01 ERROR disk full\n"), "db.log", "text/plain"],
    ["a CSV", text("time,value\n12:00,99\n"), "latency.csv", "text/csv"],
    ["JSON", text('{"alerts":[]}'), "alerts.json", "application/json"],
    ["text that is not JSON named .json", text("{oops"), "a.json", "text/plain"],
    [
      "a log that mentions <script> later",
      text("GET /?q=<script> 400\n"),
      "access.log",
      "text/plain",
    ],
  ])("%s", (_name, bytes, filename, type) => {
    const result = sniffAttachment(bytes, filename);
    expect(result.ok && result.file.contentType).toBe(type);
  });

  it("reads an image's size", () => {
    const result = sniffAttachment(JPEG, "a.jpg");
    expect(result.ok && result.file).toEqual({ contentType: "image/jpeg", width: 2, height: 3 });
  });

  it.each([
    ["HTML named .png", "<!DOCTYPE html><p>hi", "shot.png"],
    ["HTML without a doctype", "  <html><script>alert(1)</script>", "a.txt"],
    ["SVG", '<svg xmlns="http://www.w3.org/2000/svg"/>', "chart.svg"],
    ["SVG behind an XML declaration", '<?xml version="1.0"?><svg/>', "chart.png"],
    ["HTML behind a byte-order mark", "\uFEFF<script>alert(1)</script>", "a.log"],
  ])("refuses %s", (_name, body, filename) => {
    const result = sniffAttachment(text(body), filename);
    expect(!result.ok && result.message).toMatch(/HTML, SVG and XML files are not accepted/);
  });

  it.each([
    ["an empty file", new Uint8Array(), "This file is empty."],
    ["binary with NUL bytes", new Uint8Array([0x4d, 0x5a, 0, 0]), /not accepted/],
    ["invalid UTF-8", new Uint8Array([0xc3, 0x28, 0x41]), /not accepted/],
  ])("refuses %s", (_name, bytes, message) => {
    const result = sniffAttachment(bytes, "x.bin");
    expect(!result.ok && result.message).toMatch(message);
  });

  it("refuses an image too large to decode safely", () => {
    const huge = Buffer.from(PNG_1x1);
    huge.writeUInt32BE(20_000, 16);
    const result = sniffAttachment(huge, "huge.png");
    expect(!result.ok && result.message).toBe(
      "Images can be at most 12000 pixels wide and high; this one is 20000 × 1.",
    );
  });
});

describe("sanitizeFilename", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\shot.png", "shot.png"],
    ['a"b<c>|d?.png', "a_b_c__d_.png"],
    ["line\r\nbreak\u0000.png", "linebreak.png"],
    ["evil\u202Egnp.exe", "evilgnp.exe"],
    ["...hidden", "hidden"],
    ["   ", "attachment"],
    ["", "attachment"],
    ["Grafana – p99 latency 東京.png", "Grafana – p99 latency 東京.png"],
    ["semi;colon%20.txt", "semi_colon_20.txt"],
  ])("%j → %j", (input, expected) => {
    expect(sanitizeFilename(input)).toBe(expected);
  });

  it("caps the length and keeps the extension", () => {
    const name = sanitizeFilename(`${"x".repeat(300)}.png`);
    expect(name).toHaveLength(120);
    expect(name.endsWith("x.png")).toBe(true);
  });
});

describe("filenameForType", () => {
  it.each([
    ["graph.pdf", "image/png", "graph.png"],
    ["photo.jpeg", "image/jpeg", "photo.jpeg"],
    ["db.log", "text/plain", "db.log"],
    ["README", "text/plain", "README.txt"],
    ["data.csv", "text/csv", "data.csv"],
  ])("%s holding %s → %s", (name, type, expected) => {
    expect(filenameForType(name, type)).toBe(expected);
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the UTF-8 name, with no quote to break out of", () => {
    expect(contentDisposition("inline", "東京 p99.png")).toBe(
      "inline; filename=\"__ p99.png\"; filename*=UTF-8''%E6%9D%B1%E4%BA%AC%20p99.png",
    );
    expect(contentDisposition("attachment", "café's.log")).toBe(
      "attachment; filename=\"cafe's.log\"; filename*=UTF-8''caf%C3%A9%27s.log",
    );
  });
});

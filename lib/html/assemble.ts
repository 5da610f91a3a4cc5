// A document around a large, already-encoded HTML fragment (a published report): the shell is
// rendered with a marker where the fragment goes and the bytes are joined around it, so the
// fragment is neither copied into a new string nor encoded to UTF-8 again on every request.

// NUL never occurs in rendered HTML (escapeHtml and the Markdown renderer drop or escape it).
const MARKER = "\u0000hindsight-fragment\u0000";
const encoder = new TextEncoder();

/** `render(fragment)` as UTF-8 bytes, where `fragment` is given as its UTF-8 bytes. */
export function assembleDocument(
  render: (fragment: string) => string,
  fragment: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const shell = render(MARKER);
  const at = shell.indexOf(MARKER);
  if (at < 0 || shell.indexOf(MARKER, at + 1) >= 0)
    throw new Error("the document must place the fragment exactly once");
  const before = encoder.encode(shell.slice(0, at));
  const after = encoder.encode(shell.slice(at + MARKER.length));
  const out = new Uint8Array(before.byteLength + fragment.byteLength + after.byteLength);
  out.set(before, 0);
  out.set(fragment, before.byteLength);
  out.set(after, before.byteLength + fragment.byteLength);
  return out;
}

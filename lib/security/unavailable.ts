// The page shown (with status 503) while the database does not answer. Self-contained: no
// script, no stylesheet, nothing that needs the database.
export function unavailablePage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Temporarily unavailable · Hindsight</title>
<style>body{font-family:system-ui,sans-serif;color:#1f2937;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}a{color:#1d4ed8}</style></head>
<body><main><h1>Hindsight is temporarily unavailable</h1>
<p>Our database is not answering right now, so we cannot show this page. Nothing you saved is lost.</p>
<p>This usually passes within a minute. <a href="">Try again</a>.</p></main></body></html>`;
}

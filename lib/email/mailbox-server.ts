// The development mailbox, served by the mail catcher itself (not by the app) on a port bound
// to 127.0.0.1 only. Safe by construction: nothing off this machine can open a socket to it,
// every request's socket address is checked again, and the Host header must name loopback
// (so a web page cannot reach it through DNS rebinding). The app never serves mail contents.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isLoopbackAddress } from "@/lib/net/loopback";
import { listMail, type StoredMail } from "./mailbox";
import { escapeHtml } from "@/lib/html/escape";

export interface MailboxServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Escapes first, then turns http(s) URLs into links (the escaped text holds no quote or bracket). */
function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`);
}

export function renderMailbox(mails: StoredMail[]): string {
  const items = mails
    .slice(0, 50)
    .map(
      (
        m,
      ) => `<li><p class="meta">To <strong>${escapeHtml(m.to.join(", "))}</strong> · <time datetime="${escapeHtml(m.receivedAt)}">${escapeHtml(m.receivedAt.replace("T", " ").slice(0, 19))} UTC</time></p>
<h2>${escapeHtml(m.subject)}</h2><pre>${linkify(m.text)}</pre></li>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Development mailbox · Hindsight</title>
<style>body{font-family:system-ui,sans-serif;color:#1f2937;max-width:48rem;margin:2rem auto;padding:0 1rem}li{list-style:none;border:1px solid #e2e8f0;border-radius:.5rem;padding:1rem;margin:0 0 1rem}ul{padding:0}.meta{color:#475569;font-size:.875rem;margin:0}h2{font-size:1rem;margin:.25rem 0}pre{white-space:pre-wrap;word-break:break-all;font-family:inherit}.note{background:#fef3c7;border-radius:.375rem;padding:.5rem .75rem}a{color:#1d4ed8}</style></head>
<body><main><h1>Development mailbox</h1>
<p class="note">This mailbox exists because no SMTP server is configured (<code>SMTP_URL</code> is not set): every email Hindsight sends is caught here instead of being delivered. It is served only to this machine. Set <code>SMTP_URL</code> to send real email.</p>
${mails.length === 0 ? "<p>No mail yet. Ask for a sign-in link on the sign-in page and it will appear here (reload this page).</p>" : `<ul>${items}</ul>`}
</main></body></html>`;
}

function allowedHost(host: string | undefined, port: number): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].some((name) => host === `${name}:${port}`);
}

export async function startMailboxServer({
  dir,
  port = 0,
}: {
  dir: string;
  port?: number;
}): Promise<MailboxServer> {
  let actualPort = port;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const headers = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
    if (!isLoopbackAddress(req.socket.remoteAddress)) {
      res.writeHead(403, headers).end("The development mailbox answers only this machine.\n");
      return;
    }
    if (!allowedHost(req.headers.host, actualPort)) {
      res.writeHead(421, headers).end(`Open the mailbox as http://127.0.0.1:${actualPort}/\n`);
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...headers, Allow: "GET, HEAD" }).end();
      return;
    }
    if ((req.url ?? "/").split("?")[0] !== "/") {
      res.writeHead(404, headers).end("Not found\n");
      return;
    }
    res
      .writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        "Content-Security-Policy":
          "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
      })
      .end(req.method === "HEAD" ? undefined : renderMailbox(listMail(dir)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

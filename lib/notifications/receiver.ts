// A stand-in notification receiver for tests: an HTTP server on loopback (a free port) that
// records every request and answers with the status the test sets per path.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: (path: string) => string;
  requests: Received[];
  on: (path: string) => Received[];
  /** Status answered on a path from now on (default 200 "ok"). */
  answer: (path: string, status: number, body?: string) => void;
  close: () => Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  const answers = new Map<string, { status: number; body: string }>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const a = answers.get(path) ?? { status: 200, body: "ok" };
      res.writeHead(a.status, { "content-type": "text/plain" }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    on: (path) => requests.filter((r) => r.path === path),
    answer: (path, status, body = "") => void answers.set(path, { status, body }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// A small round-robin reverse proxy on loopback, standing in for the load balancer in front of
// several app instances (Caddy, an Ingress). It can take an instance out (drain: no new
// requests, wait for those in flight) and put it back. It never retries a failed request on
// another instance, so every failure an instance causes reaches the client and is counted.
import http from "node:http";
import type { AddressInfo } from "node:net";

interface Backend {
  name: string;
  port: number;
  enabled: boolean;
  inflight: number;
  served: number;
}

export interface Balancer {
  url: string;
  /** Requests this instance is serving right now. */
  inflight(name: string): number;
  /** Requests sent to each instance so far. */
  served(): Record<string, number>;
  /** Requests an instance failed (connection refused or reset, answer cut short), with timings. */
  errors(): string[];
  /** Stops sending new requests to `name`; resolves when the ones in flight are done (or `waitMs`). */
  drain(name: string, waitMs?: number): Promise<void>;
  /** Sends requests to `name` again. */
  enable(name: string): void;
  close(): Promise<void>;
}

// Connection-level headers belong to one hop; the proxy opens its own connection per request.
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "upgrade", "te", "trailer"];

function withoutHopHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const copy: http.OutgoingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

export async function startBalancer(
  instances: { name: string; port: number }[],
): Promise<Balancer> {
  const backends: Backend[] = instances.map((i) => ({
    ...i,
    enabled: true,
    inflight: 0,
    served: 0,
  }));
  let turn = 0;
  const errors: string[] = [];
  const byName = (name: string) => {
    const backend = backends.find((b) => b.name === name);
    if (!backend) throw new Error(`no backend ${name}`);
    return backend;
  };

  const server = http.createServer((req, res) => {
    const candidates = backends.filter((b) => b.enabled);
    if (candidates.length === 0) {
      res.writeHead(503, { "content-type": "text/plain" }).end("no instance available\n");
      return;
    }
    const backend = candidates[turn++ % candidates.length]!;
    backend.inflight += 1;
    backend.served += 1;
    const started = Date.now();
    let finished = false;
    const finish = () => {
      if (!finished) {
        finished = true;
        backend.inflight -= 1;
      }
    };
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: backend.port,
        method: req.method,
        path: req.url,
        headers: withoutHopHeaders(req.headers),
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, {
          ...withoutHopHeaders(answer.headers),
          "x-upstream": backend.name,
        });
        answer.pipe(res);
        answer.on("end", finish);
        answer.on("error", (error) => {
          errors.push(
            `${backend.name} ${req.method} ${req.url}: answer cut after ${Date.now() - started} ms (${error.message})`,
          );
          finish();
          res.destroy();
        });
      },
    );
    upstream.on("error", (error) => {
      errors.push(
        `${backend.name} ${req.method} ${req.url}: ${error.message} after ${Date.now() - started} ms`,
      );
      finish();
      if (!res.headersSent)
        res
          .writeHead(502, { "content-type": "text/plain" })
          .end(`bad gateway (${backend.name}): ${error.message}\n`);
      else res.destroy();
    });
    // A client that goes away (a closed live stream) ends the upstream request too.
    res.on("close", () => {
      if (!finished) upstream.destroy();
      finish();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    inflight: (name) => byName(name).inflight,
    served: () => Object.fromEntries(backends.map((b) => [b.name, b.served])),
    errors: () => [...errors],
    drain: async (name, waitMs = 30_000) => {
      const backend = byName(name);
      backend.enabled = false;
      const deadline = Date.now() + waitMs;
      while (backend.inflight > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
    },
    enable: (name) => {
      byName(name).enabled = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

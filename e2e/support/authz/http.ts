// A small HTTP client for the matrix. Each caller connects from its own loopback address
// (127.0.0.x): the app's rate limits key on the socket address, so one caller's refused
// share-link attempts can neither limit another caller nor the other specs of the run.
import http from "node:http";
import { CALLERS, type Caller } from "./callers";

export interface Answer {
  status: number;
  location: string | null;
  contentType: string;
  body: string;
  /** Where a server action sent the browser (`redirect()` in an action), if it did. */
  actionRedirect: string | null;
}

/** 127.0.0.40 + the caller's index: away from 127.0.0.1, which the other specs use. */
export function localAddressOf(caller: Caller | "webhook"): string {
  const index = caller === "webhook" ? CALLERS.length : CALLERS.indexOf(caller);
  return `127.0.0.${40 + index}`;
}

export function request(
  baseUrl: string,
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    from: string;
    firstChunkOnly?: boolean;
  },
): Promise<Answer> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? "GET",
        headers: {
          host: url.host,
          ...options.headers,
          ...(options.body !== undefined
            ? { "content-length": String(Buffer.byteLength(options.body)) }
            : {}),
        },
        localAddress: options.from,
      },
      (res) => {
        const chunks: Buffer[] = [];
        const done = () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location
              ? new URL(res.headers.location, baseUrl).pathname +
                new URL(res.headers.location, baseUrl).search
              : null,
            contentType: String(res.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
            actionRedirect: (res.headers["x-action-redirect"] as string | undefined) ?? null,
          });
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          // A live stream never ends: its first event is all the matrix reads.
          if (options.firstChunkOnly) {
            res.destroy();
            done();
          }
        });
        res.on("end", done);
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () =>
      req.destroy(new Error(`timeout: ${options.method ?? "GET"} ${path}`)),
    );
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

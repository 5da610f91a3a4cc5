import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clientAddress,
  clientFromChain,
  installClientStamp,
  trustedProxyHops,
} from "./client-address";

describe("clientFromChain", () => {
  it.each([
    // [X-Forwarded-For, socket, trusted hops, client]
    [undefined, "203.0.113.9", 0, "203.0.113.9"],
    ["6.6.6.6", "203.0.113.9", 0, "203.0.113.9"],
    ["6.6.6.6, 7.7.7.7", "::ffff:203.0.113.9", 0, "203.0.113.9"],
    ["198.51.100.4", "10.0.0.2", 1, "198.51.100.4"],
    ["6.6.6.6, 198.51.100.4", "10.0.0.2", 1, "198.51.100.4"],
    ["6.6.6.6, 198.51.100.4, 10.0.0.3", "10.0.0.2", 2, "198.51.100.4"],
    [undefined, "10.0.0.2", 1, "10.0.0.2"],
    ["198.51.100.4", "10.0.0.2", 5, "198.51.100.4"],
  ])("XFF %j via %s with %i trusted hops → %s", (xff, socket, hops, expected) => {
    expect(clientFromChain(xff, socket, hops)).toBe(expected);
  });

  it("reads TRUSTED_PROXIES as a small hop count, anything else as none", () => {
    expect(trustedProxyHops("2")).toBe(2);
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("yes")).toBe(0);
    expect(trustedProxyHops("-1")).toBe(0);
  });
});

describe("the request stamp", () => {
  let server: Server;
  let seen: string[] = [];
  beforeAll(async () => {
    installClientStamp();
    server = createServer((req, res) => {
      seen.push(
        clientAddress({ get: (name) => (req.headers[name] as string | undefined) ?? null }),
      );
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (headers: Record<string, string>) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port: (server.address() as AddressInfo).port, headers },
        (res) => res.resume().on("end", resolve),
      );
      req.on("error", reject);
      req.end();
    });

  it("keys on the socket peer whatever X-Forwarded-For or a forged stamp says", async () => {
    seen = [];
    await send({ "x-forwarded-for": "6.6.6.6" });
    await send({ "x-forwarded-for": "7.7.7.7", "x-real-ip": "8.8.8.8" });
    await send({ "x-hindsight-client": "guess 9.9.9.9" });
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
  });

  it("treats an unstamped request as one shared, unverified client", () => {
    expect(
      clientAddress(
        new Headers({ "x-hindsight-client": "guess 9.9.9.9", "x-forwarded-for": "6.6.6.6" }),
      ),
    ).toBe("unverified");
  });
});

// Loopback checks on the socket's own address (never on a header a client can write).
import { isIP } from "node:net";

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(address: string | undefined | null): boolean {
  if (!address) return false;
  const a = address.toLowerCase().replace(/^::ffff:/, "");
  if (a === "::1" || a === "0:0:0:0:0:0:0:1") return true;
  return isIP(a) === 4 && a.startsWith("127.");
}

/** True when a host name (as given to `next start -H`) only listens on this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return h === "localhost" || isLoopbackAddress(h);
}

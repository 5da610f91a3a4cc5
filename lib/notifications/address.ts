// Where a notification may be sent. A target URL is typed by a team owner, and the server
// posts to it: without a check, anyone with an owner account could make Hindsight reach
// services that are only reachable from inside its network (cloud metadata at 169.254.169.254,
// the database, admin panels). So every address a target's host resolves to must be public,
// checked when the target is saved and again at every connection (the DNS answer may change).
// NOTIFICATIONS_ALLOW_PRIVATE=1 lifts the rule for installations that notify in-house
// receivers (and for the test suite, whose receivers listen on loopback). Pure, no I/O.
import { BlockList, isIP } from "node:net";

const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64 can reach any IPv4 address
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(net, bits, "ipv6");

/** True when the address is not on the public internet (private, loopback, link-local, reserved…). */
export function isPrivateAddress(address: string): boolean {
  let a = address
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) reaches the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) a = mapped[1]!;
  const family = isIP(a);
  if (family === 0) return true; // not an address at all: never connect
  return blocked.check(a, family === 4 ? "ipv4" : "ipv6");
}

export const PRIVATE_ADDRESS_MESSAGE =
  "This address points inside a private network. Use a public URL (an operator can allow private receivers with NOTIFICATIONS_ALLOW_PRIVATE=1).";

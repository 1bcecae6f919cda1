import { BlockList, isIP } from 'node:net';

/**
 * Which addresses an outgoing request to an operator-given URL may reach: the public internet only.
 * Private, loopback, link-local (169.254.169.254, the cloud metadata service), carrier-grade NAT,
 * documentation, benchmark, multicast and reserved ranges are refused, v4 and v6, and so is a v4
 * address written inside a v6 one (::ffff:10.0.0.1, 64:ff9b::a00:1). `allowLoopback` lets
 * 127.0.0.0/8 and ::1 through for development and tests, and nothing else.
 */
const refusedV4 = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const;

const refusedV6 = [
  // Unspecified, loopback and the deprecated v4-compatible ::a.b.c.d.
  ['::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const;

const refused = new BlockList();
for (const [network, prefix] of refusedV4) refused.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of refusedV6) refused.addSubnet(network, prefix, 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** The v4 address a v6 one carries (v4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, v4-compatible ::a.b.c.d), if any. */
function embeddedV4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return undefined;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const v4 = family === 6 ? embeddedV4(address) : address;
  return v4 !== undefined ? loopback.check(v4, 'ipv4') : loopback.check(address, 'ipv6');
}

/** True when a request may go to `address` (an IP literal). */
export function isPublicAddress(address: string, options: { allowLoopback: boolean }): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (options.allowLoopback && isLoopbackAddress(address)) return true;
  if (family === 4) return !refused.check(address, 'ipv4');
  const v4 = embeddedV4(address);
  if (v4 !== undefined) return !refused.check(v4, 'ipv4');
  // 64:ff9b::/96 and ::ffff:0:0/96 carry v4 addresses in hex forms the pattern above reads; the
  // rest of those ranges are refused as a whole, and so are ::/96 and local-use NAT64 (64:ff9b:1::/48).
  if (/^(?:::ffff:|64:ff9b::)/i.test(address)) return false;
  return !refused.check(address, 'ipv6');
}

// Which IP addresses a source may point at. A moderator-added URL must not make the bot read its own host, the
// intranet it runs in or a cloud metadata service (which hands out credentials). Every address is reduced to its
// bytes first, so spellings like ::ffff:7f00:1, 64:ff9b::a00:5 or 2002:a9fe:a9fe:: are judged as the IPv4 address
// they carry.
import { isIPv4, isIPv6 } from 'node:net';

export type BlockReason =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'reserved'
  | 'metadata';

/** Decides whether an address may be connected to: `null` allows it, a reason refuses it. */
export type AddressPolicy = (address: string) => BlockReason | null;

const REASON_WORDS: Record<BlockReason, string> = {
  loopback: 'a loopback',
  private: 'a private network',
  'link-local': 'a link-local',
  shared: 'a carrier-grade NAT',
  multicast: 'a multicast',
  unspecified: 'an unspecified',
  broadcast: 'a broadcast',
  reserved: 'a reserved',
  metadata: 'a cloud metadata',
};

/** "a private network address": for "Refused: x resolves to a private network address (10.0.0.5)." */
export function describeBlockReason(reason: BlockReason): string {
  return `${REASON_WORDS[reason]} address`;
}

interface Range {
  base: number[];
  bits: number;
  reason: BlockReason;
}

function v4(text: string, bits: number, reason: BlockReason): Range {
  return { base: text.split('.').map(Number), bits, reason };
}

// Order matters: the first match wins, so the narrow metadata entries come before the ranges holding them.
const IPV4_RANGES: Range[] = [
  v4('169.254.169.254', 32, 'metadata'), // AWS, GCP, Azure, OpenStack, DigitalOcean …
  v4('169.254.170.2', 32, 'metadata'), // AWS ECS task credentials
  v4('168.63.129.16', 32, 'metadata'), // Azure wire server: a public address, so no range below covers it
  v4('100.100.100.200', 32, 'metadata'), // Alibaba Cloud
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'shared'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'),
  v4('192.0.2.0', 24, 'reserved'),
  v4('192.88.99.0', 24, 'reserved'),
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'reserved'),
  v4('198.51.100.0', 24, 'reserved'),
  v4('203.0.113.0', 24, 'reserved'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('255.255.255.255', 32, 'broadcast'),
  v4('240.0.0.0', 4, 'reserved'),
];

function v6(text: string, bits: number, reason: BlockReason): Range {
  return { base: [...(parseIPv6(text) ?? [])], bits, reason };
}

const IPV6_RANGES: Range[] = [
  v6('fd00:ec2::254', 128, 'metadata'), // AWS IMDS over IPv6
  v6('::', 128, 'unspecified'),
  v6('::1', 128, 'loopback'),
  v6('64:ff9b:1::', 48, 'private'), // local-use NAT64
  v6('100::', 64, 'reserved'), // discard-only
  v6('2001::', 32, 'reserved'), // Teredo: the inner address is obfuscated and no feed lives there
  v6('2001:db8::', 32, 'reserved'),
  v6('3fff::', 20, 'reserved'),
  v6('fc00::', 7, 'private'),
  v6('fe80::', 10, 'link-local'),
  v6('fec0::', 10, 'private'), // deprecated site-local
  v6('ff00::', 8, 'multicast'),
];

function inRange(bytes: Uint8Array, range: Range): boolean {
  let bits = range.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((range.base[i] ?? 0) & mask)) return false;
  }
  return true;
}

export function parseIPv4(text: string): Uint8Array | null {
  if (!isIPv4(text)) return null;
  return Uint8Array.from(text.split('.').map(Number));
}

/** 16 bytes of an IPv6 address (zone index ignored), or null when the text is not one. */
export function parseIPv6(text: string): Uint8Array | null {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(address)) return null;
  let groups: number[] = [];
  const [head = '', tail] = address.split('::') as [string, string | undefined];
  const toGroups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [parseInt(g, 16)];
          const b = parseIPv4(g) ?? new Uint8Array(4);
          return [((b[0] ?? 0) << 8) | (b[1] ?? 0), ((b[2] ?? 0) << 8) | (b[3] ?? 0)];
        });
  const front = toGroups(head);
  if (tail === undefined) {
    groups = front;
  } else {
    const back = toGroups(tail);
    groups = [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  }
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

function classifyIPv4(bytes: Uint8Array): BlockReason | null {
  return IPV4_RANGES.find((r) => inRange(bytes, r))?.reason ?? null;
}

/** The IPv4 address an IPv6 address stands for (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIPv4(bytes: Uint8Array): Uint8Array | null {
  const zeros = (from: number, to: number): boolean => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12); // ::ffff:a.b.c.d
  if (zeros(0, 12)) return bytes.slice(12); // ::a.b.c.d (deprecated "compatible"); :: and ::1 matched earlier
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) {
    return bytes.slice(12); // 64:ff9b::a.b.c.d, well-known NAT64
  }
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6); // 2002:AABB:CCDD::, 6to4
  return null;
}

/** Why an address must not be connected to, or null when it is a public unicast address. */
export function classifyAddress(address: string): BlockReason | null {
  const ipv4 = parseIPv4(address);
  if (ipv4) return classifyIPv4(ipv4);
  const ipv6 = parseIPv6(address);
  if (!ipv6) return 'reserved'; // not an IP address at all: never connect to what we cannot judge
  const listed = IPV6_RANGES.find((r) => inRange(ipv6, r));
  if (listed) return listed.reason;
  const inner = embeddedIPv4(ipv6);
  if (inner) return classifyIPv4(inner);
  // Only 2000::/3 is allocated as global unicast; anything else is not a place a news site lives.
  if ((ipv6[0] ?? 0) >> 5 !== 0b001) return 'reserved';
  return null;
}

/**
 * The policy that still applies when private networks are allowed: self-hosters may read intranet feeds, but no
 * source should ever read the cloud metadata service (it hands out the host's credentials).
 */
export function metadataOnlyPolicy(address: string): BlockReason | null {
  return classifyAddress(address) === 'metadata' ? 'metadata' : null;
}

// Names refused before any lookup: they are loopback by definition (RFC 6761) or name a metadata service.
const BLOCKED_NAMES: Record<string, BlockReason> = {
  localhost: 'loopback',
  'metadata.google.internal': 'metadata',
  'metadata.goog': 'metadata',
  'metadata.tencentyun.com': 'metadata',
  'instance-data': 'metadata',
  'instance-data.ec2.internal': 'metadata',
};

/** A reason to refuse a host name without resolving it, or null. */
export function classifyHostName(hostname: string): BlockReason | null {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name.endsWith('.localhost')) return 'loopback';
  return BLOCKED_NAMES[name] ?? null;
}

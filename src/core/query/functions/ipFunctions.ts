/** IPv4 functions: ipv4_is_private, ipv4_is_in_range. */
import { fn, returnsType, type ScalarFunction } from './types';

/** The address as an unsigned 32-bit number, or null when the text is not an IPv4 address. */
export function parseIpv4(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (!m) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = Number(m[i]);
    if (part > 255) return null;
    n = n * 256 + part;
  }
  return n;
}

/** `10.0.0.0/8` or a single address: [network, prefix length], or null. */
export function parseIpv4Range(text: unknown): readonly [number, number] | null {
  if (typeof text !== 'string') return null;
  const [addr, bits] = text.trim().split('/');
  const base = parseIpv4(addr);
  const prefix = bits === undefined ? 32 : Number(bits);
  if (base === null || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return null;
  return [base, prefix];
}

function inRange(ip: number, [net, prefix]: readonly [number, number]): boolean {
  if (prefix === 0) return true;
  const shift = 32 - prefix;
  return Math.floor(ip / 2 ** shift) === Math.floor(net / 2 ** shift);
}

const privateRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((r) => parseIpv4Range(r)!);

export const ipFunctions: readonly ScalarFunction[] = [
  fn({
    name: 'ipv4_is_private', signature: 'ipv4_is_private(ip: string): bool', description: 'true for RFC 1918 private addresses (10/8, 172.16/12, 192.168/16); null when not an IPv4 address.',
    minArgs: 1, maxArgs: 1, params: ['string'], returns: returnsType('bool'),
    compile: ([a]) => (r) => {
      const ip = parseIpv4(a!(r));
      return ip === null ? null : privateRanges.some((range) => inRange(ip, range));
    },
  }),
  fn({
    name: 'ipv4_is_in_range', signature: "ipv4_is_in_range(ip: string, range: string): bool", description: "true when the address is in the CIDR range ('10.0.0.0/8').",
    minArgs: 2, maxArgs: 2, params: ['string', 'string'], returns: returnsType('bool'),
    check: (consts) => (typeof consts[1] === 'string' && parseIpv4Range(consts[1]) === null ? { arg: 1, message: `'${consts[1]}' is not an IPv4 range.` } : undefined),
    compile: ([a, b]) => (r) => {
      const ip = parseIpv4(a!(r));
      const range = parseIpv4Range(b!(r));
      return ip === null || range === null ? null : inRange(ip, range);
    },
  }),
];

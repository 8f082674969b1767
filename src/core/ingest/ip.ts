/** Splits the client address spellings of audit records into address and port. */

export interface ClientAddress {
  readonly ip: string;
  readonly port: number | null;
}

const NONE: ClientAddress = { ip: '', port: null };

/**
 * Accepts: 1.2.3.4, 1.2.3.4:5678, ::ffff:1.2.3.4, [2a01::1]:443, [2a01::1], 2603:10b6:5:345::11,
 * null / '' / '<null>'. IPv4-mapped IPv6 is shown as IPv4.
 */
export function parseClientAddress(value: unknown): ClientAddress {
  if (typeof value !== 'string') return NONE;
  // The loader asks twice per record (the address column, then the port): the answer is kept for the same string.
  if (value === lastValue) return lastAddress;
  lastAddress = parseAddress(value);
  lastValue = value;
  return lastAddress;
}

let lastValue: string | null = null;
let lastAddress: ClientAddress = NONE;

function parseAddress(value: string): ClientAddress {
  let s = value.trim();
  if (s === '' || s === '<null>' || s.toLowerCase() === 'null') return NONE;
  let port: number | null = null;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close > 0) {
      const rest = s.slice(close + 1);
      if (rest.startsWith(':')) port = toPort(rest.slice(1));
      s = s.slice(1, close);
    }
  } else {
    const colons = countColons(s);
    if (colons === 1) {
      const at = s.indexOf(':');
      port = toPort(s.slice(at + 1));
      s = s.slice(0, at);
    }
  }
  const lower = s.toLowerCase();
  if (lower.startsWith('::ffff:') && s.indexOf('.') > 0) s = s.slice(7);
  return { ip: s, port };
}

function countColons(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length && n < 2; i++) if (s.charCodeAt(i) === 58) n++;
  return n;
}

function toPort(s: string): number | null {
  const n = Number(s);
  return Number.isInteger(n) && n >= 0 && n <= 65535 && s !== '' ? n : null;
}

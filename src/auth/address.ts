// Client addresses (SPEC O8): the forwarded entry a trusted proxy wrote, IPv4-mapped IPv6 as IPv4, IPv6 counted per /64.
import { isIP } from 'node:net';

/** An address as written in a header or by the socket: brackets and a port removed, IPv4-mapped IPv6 as IPv4; '' if it is none. */
export function parseAddress(raw: string | undefined): string {
  let s = (raw ?? '').trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  s = s.replace(/%.*$/, '').toLowerCase(); // a zone index names a local interface, not a client
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (mapped) s = mapped[1];
  return isIP(s) ? s : '';
}

/**
 * SPEC O8: with N trusted proxies the client is the N-th entry from the right of X-Forwarded-For (the one the outermost
 * trusted proxy wrote); anything further left is the client's own writing. Fewer than N entries: the socket's address.
 */
export function forwardedClient(header: string | undefined, hops: number, socketAddress: string): string {
  if (hops <= 0 || !header) return socketAddress;
  const entries = header.split(',').map((e) => e.trim());
  if (entries.length < hops) return socketAddress;
  return parseAddress(entries[entries.length - hops]) || socketAddress;
}

/** Expands an IPv6 address to its eight groups. */
function ipv6Groups(address: string): string[] {
  const [head, tail = ''] = address.split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  // an embedded IPv4 tail (::ffff:1.2.3.4 is handled earlier; 64:ff9b::1.2.3.4 here) is two groups
  const expand = (groups: string[]) =>
    groups.flatMap((g) => (g.includes('.') ? (([a, b, c, d]) => [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)])(g.split('.').map(Number)) : [g]));
  const left = expand(part(head));
  const right = expand(part(tail));
  const middle = address.includes('::') ? Array(8 - left.length - right.length).fill('0') : [];
  return [...left, ...middle, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}

/** SPEC O8, S5: the unit a throttle counts — the IPv4 address, or an IPv6 address's /64 network. */
export function clientNetwork(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

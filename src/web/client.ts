// Who is asking: the client address (from X-Forwarded-For only through the trusted proxies, SPEC O8) and whether the request came over https (O9).
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { forwardedClient, parseAddress } from '../auth/address.js';
import type { AppEnv } from './env.js';

/** The protocol the outermost trusted proxy saw: the same N-th-from-right rule, or the one value a proxy overwrote it with. */
function forwardedProto(header: string | undefined, hops: number): string | undefined {
  if (hops <= 0 || !header) return undefined;
  const entries = header.split(',').map((e) => e.trim().toLowerCase());
  return entries.length >= hops ? entries[entries.length - hops] : entries[0];
}

export const identifyClient: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { config } = c.get('deps');
  let socket = '';
  try {
    socket = parseAddress(getConnInfo(c).remote.address);
  } catch {
    socket = ''; // app.request() in tests has no socket
  }
  const hops = config.TRUST_PROXY_HOPS;
  const address = forwardedClient(c.req.header('x-forwarded-for'), hops, socket);
  const https =
    new URL(c.req.url).protocol === 'https:' || forwardedProto(c.req.header('x-forwarded-proto'), hops) === 'https' || config.PUBLIC_ORIGIN?.startsWith('https:') === true;
  const secure = config.COOKIE_SECURE ?? https;
  c.set('address', address || 'unknown');
  c.set('secure', secure);
  await next();
  // SPEC O9: once served over https, browsers are told to use nothing else
  if (secure) c.res.headers.set('Strict-Transport-Security', 'max-age=31536000');
};

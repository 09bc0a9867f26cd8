// Who is asking: the client address (X-Forwarded-For only when TRUST_PROXY) and whether the request came over https.
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './env.js';

export const identifyClient: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { config } = c.get('deps');
  let address = '';
  try {
    address = getConnInfo(c).remote.address ?? '';
  } catch {
    address = ''; // app.request() in tests has no socket
  }
  let https = new URL(c.req.url).protocol === 'https:';
  if (config.TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) address = forwarded.slice(0, 64);
    https = https || c.req.header('x-forwarded-proto') === 'https';
  }
  c.set('address', address || 'unknown');
  c.set('secure', config.COOKIE_SECURE ?? https);
  await next();
};

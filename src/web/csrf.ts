// SPEC X2: Origin / Sec-Fetch-Site checked when the browser sends them (Hono's csrf), and a token bound to the browser on every form.
import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { keyedHash, newToken, safeEqual } from '../auth/secrets.js';
import { readCookie, writeCookie } from './cookies.js';
import type { AppEnv } from './env.js';
import { errorResponse } from './errors.js';

/** Hono's check, applied whenever the browser sent Origin or Sec-Fetch-Site (older clients send neither). */
export function checkOrigin(publicOrigin: string | undefined): MiddlewareHandler<AppEnv> {
  const hono = csrf(publicOrigin ? { origin: publicOrigin } : undefined);
  return (c, next) => {
    if (c.req.header('origin') === undefined && c.req.header('sec-fetch-site') === undefined) return next();
    return hono(c, next);
  };
}

/** Gives every browser a random cookie (a pre-session one on the sign-in form too); forms carry its keyed hash. */
export const issueToken: MiddlewareHandler<AppEnv> = (c, next) => {
  let seed = readCookie(c, 'csrf');
  if (!seed || !/^[A-Za-z0-9_-]{43}$/.test(seed)) {
    seed = newToken();
    writeCookie(c, 'csrf', seed);
  }
  c.set('csrfToken', keyedHash(c.get('deps').config.SECRET, 'csrf', seed));
  return next();
};

/** A POST without the token of this browser gets the styled 403. */
export const checkToken: MiddlewareHandler<AppEnv> = (c, next) => {
  if (c.req.method === 'POST' && !safeEqual(c.get('form').csrf ?? '', c.get('csrfToken'))) return Promise.resolve(errorResponse(c, 403));
  return next();
};

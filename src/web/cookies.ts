// Cookie names and flags (SPEC X3): HttpOnly, SameSite=Lax, and Secure with the __Host- prefix over https.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from './env.js';

export type CookieName = 'sid' | 'flow' | 'csrf' | 'lang';

function fullName(c: Context<AppEnv>, name: CookieName): string {
  return c.get('secure') ? `__Host-${name}` : name;
}

export function readCookie(c: Context<AppEnv>, name: CookieName): string | undefined {
  return getCookie(c, fullName(c, name));
}

/** A session-lifetime cookie unless maxAge (seconds) is given. */
export function writeCookie(c: Context<AppEnv>, name: CookieName, value: string, maxAge?: number): void {
  setCookie(c, fullName(c, name), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('secure'),
    ...(maxAge === undefined ? {} : { maxAge }),
  });
}

export function clearCookie(c: Context<AppEnv>, name: CookieName): void {
  deleteCookie(c, fullName(c, name), { path: '/', secure: c.get('secure') });
}

// Loads the member's session from its cookie, and guards the pages that need one (SPEC T1, T3).
import type { Context, MiddlewareHandler } from 'hono';
import { resumeSession } from '../auth/session.js';
import { paths } from '../paths.js';
import { clearCookie, readCookie } from './cookies.js';
import type { AppEnv } from './env.js';

export const loadSession: MiddlewareHandler<AppEnv> = (c, next) => {
  const token = readCookie(c, 'sid');
  return token ? resumeFrom(c, token).then(next) : next();
};

async function resumeFrom(c: Context<AppEnv>, token: string): Promise<void> {
  const session = await resumeSession(c.get('deps'), token);
  if (session === 'expired' || session === 'unknown') {
    clearCookie(c, 'sid');
    // issue 19: only a session that really timed out is told so; a cookie we cannot find gets the neutral message
    c.set('sessionEnded', session);
  } else c.set('session', session);
}

/** Without a live session: to sign-in with the "signed out" message, coming back here afterwards. */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('session')) return next();
  const back = c.req.method === 'GET' ? new URL(c.req.url).pathname + new URL(c.req.url).search : paths.top;
  const ended = c.get('sessionEnded');
  const expired = ended === 'expired' ? 'expired=1&' : ended === 'unknown' ? 'ended=1&' : '';
  return c.redirect(`${paths.signIn}?${expired}next=${encodeURIComponent(back)}`, 303);
};

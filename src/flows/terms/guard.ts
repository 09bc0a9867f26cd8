// SPEC T4: a member whose accepted terms version is not the current one sees the terms before any member page.
import type { MiddlewareHandler } from 'hono';
import { paths } from '../../paths.js';
import type { AppEnv } from '../../web/env.js';

export const termsPath = paths.terms;

/** Whether the session's account accepted the terms version now in force. */
export function hasCurrentTerms(accepted: string, current: string): boolean {
  return accepted === current;
}

/** After requireSession: sends a member who has not accepted the current terms to them, coming back here afterwards. */
export const requireCurrentTerms: MiddlewareHandler<AppEnv> = async (c, next) => {
  const session = c.get('session');
  const current = c.get('deps').config.TERMS_VERSION;
  if (!session || hasCurrentTerms(session.termsVersion, current)) return next();
  const url = new URL(c.req.url);
  const back = c.req.method === 'GET' ? url.pathname + url.search : '/top';
  return c.redirect(`${termsPath}?next=${encodeURIComponent(back)}`, 303);
};

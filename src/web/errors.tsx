// The styled responses for requests the portal refuses; never a bare text or a stack trace (SPEC X2, X4).
import type { Context } from 'hono';
import { BadFormPage } from '../../views/pages/errors/BadFormPage.js';
import { ErrorPage } from '../../views/pages/errors/ErrorPage.js';
import { paths, sameSitePath } from '../paths.js';
import type { AppEnv } from './env.js';
import { viewOf } from './view.js';

type ErrorStatus = 403 | 404 | 413 | 429 | 500 | 503;

const pages = {
  403: { title: 'errors.forbiddenTitle', body: 'errors.forbiddenBody', link: 'errors.startAgain', hint: 'errors.forbiddenCookies' },
  404: { title: 'errors.notFoundTitle', body: 'errors.notFoundBody', link: 'errors.goToSignIn' },
  413: { title: 'errors.tooLargeTitle', body: 'errors.tooLargeBody', link: 'errors.startAgain' },
  429: { title: 'errors.throttledTitle', body: 'errors.throttled', link: 'errors.goToSignIn' },
  500: { title: 'errors.serverTitle', body: 'errors.serverBody', link: 'errors.goToSignIn' },
  503: { title: 'errors.serverTitle', body: 'errors.serverBody', link: 'errors.goToSignIn' },
} as const;

/**
 * The page a refused form belongs to: the nearest path at or above the request's that answers a GET, so a refused
 * `/migration/phone/send` restarts at `/migration/phone`, never at a URL that only takes a POST (issue 19).
 */
function restartPath(c: Context<AppEnv>): string {
  const pages = c.get('pagePaths');
  for (let path = sameSitePath(c.req.path).replace(/\/+$/, ''); path !== ''; path = path.slice(0, path.lastIndexOf('/'))) {
    if (pages?.has(path)) return path;
  }
  return c.get('session') ? paths.top : paths.signIn;
}

export function errorResponse(c: Context<AppEnv>, status: ErrorStatus) {
  const v = viewOf(c);
  const p = pages[status];
  const href = status === 403 || status === 413 ? restartPath(c) : paths.signIn;
  c.header('Cache-Control', 'no-store');
  const hint = 'hint' in p ? v.t(p.hint) : undefined;
  return c.html(<ErrorPage v={v} title={v.t(p.title)} body={v.t(p.body)} hint={hint} linkHref={href} linkText={v.t(p.link)} />, status);
}

export function badFormResponse(c: Context<AppEnv>) {
  c.header('Cache-Control', 'no-store');
  return c.html(<BadFormPage v={viewOf(c)} backHref={sameSitePath(c.req.path)} />, 400);
}

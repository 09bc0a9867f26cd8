// The styled responses for requests the portal refuses; never a bare text or a stack trace (SPEC X2, X4).
import type { Context } from 'hono';
import { BadFormPage } from '../../views/pages/errors/BadFormPage.js';
import { ErrorPage } from '../../views/pages/errors/ErrorPage.js';
import { paths, sameSitePath } from '../paths.js';
import type { AppEnv } from './env.js';
import { viewOf } from './view.js';

type ErrorStatus = 403 | 404 | 413 | 429 | 500 | 503;

const pages = {
  403: { title: 'errors.forbiddenTitle', body: 'errors.forbiddenBody', link: 'errors.startAgain' },
  404: { title: 'errors.notFoundTitle', body: 'errors.notFoundBody', link: 'errors.goToSignIn' },
  413: { title: 'errors.tooLargeTitle', body: 'errors.tooLargeBody', link: 'errors.startAgain' },
  429: { title: 'errors.throttledTitle', body: 'errors.throttled', link: 'errors.goToSignIn' },
  500: { title: 'errors.serverTitle', body: 'errors.serverBody', link: 'errors.goToSignIn' },
  503: { title: 'errors.serverTitle', body: 'errors.serverBody', link: 'errors.goToSignIn' },
} as const;

export function errorResponse(c: Context<AppEnv>, status: ErrorStatus) {
  const v = viewOf(c);
  const p = pages[status];
  const href = status === 403 || status === 413 ? sameSitePath(c.req.path) : paths.signIn;
  c.header('Cache-Control', 'no-store');
  return c.html(<ErrorPage v={v} title={v.t(p.title)} body={v.t(p.body)} linkHref={href} linkText={v.t(p.link)} />, status);
}

export function badFormResponse(c: Context<AppEnv>) {
  c.header('Cache-Control', 'no-store');
  return c.html(<BadFormPage v={viewOf(c)} backHref={sameSitePath(c.req.path)} />, 400);
}

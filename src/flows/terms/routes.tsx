// SPEC T4: accept the current version of the member terms (or decline and sign out) before reaching member pages.
import { Hono } from 'hono';
import * as v from 'valibot';
import { TermsPage } from '../../../views/pages/terms/TermsPage.js';
import { endSession } from '../../auth/session.js';
import { paths, safeReturnPath } from '../../paths.js';
import { clearCookie } from '../../web/cookies.js';
import type { AppEnv } from '../../web/env.js';
import { requireSession } from '../../web/session.js';
import { viewOf } from '../../web/view.js';
import { hasCurrentTerms, termsPath } from './guard.js';

const Decision = v.object({ decision: v.picklist(['accept', 'decline']) });

/** Where to go after the terms: the page the member asked for, never the terms page itself. */
function nextOf(value: string | undefined): string {
  const next = safeReturnPath(value);
  return next && !next.startsWith(termsPath) ? next : paths.top;
}

export const termsRoutes = new Hono<AppEnv>()
  .use(requireSession)
  .get('/', (c) => {
    const session = c.get('session')!;
    const version = c.get('deps').config.TERMS_VERSION;
    if (hasCurrentTerms(session.termsVersion, version)) return c.redirect(nextOf(c.req.query('next')), 303);
    const next = safeReturnPath(c.req.query('next'));
    const action = next ? `${termsPath}?next=${encodeURIComponent(next)}` : termsPath;
    return c.html(<TermsPage v={viewOf(c)} version={version} action={action} />);
  })
  .post('/', async (c) => {
    const deps = c.get('deps');
    const session = c.get('session')!;
    const parsed = v.safeParse(Decision, c.get('form'));
    // a form without a decision (not one a browser sends): show the terms again
    if (!parsed.success) return c.redirect(c.req.url.slice(new URL(c.req.url).origin.length), 303);
    if (parsed.output.decision === 'decline') {
      await endSession(deps, session, c.get('address'), 'terms_declined');
      clearCookie(c, 'sid');
      return c.redirect(`${paths.signIn}?out=1`, 303);
    }
    if (!hasCurrentTerms(session.termsVersion, deps.config.TERMS_VERSION)) {
      await deps.stores.settings.acceptTerms({ accountId: session.accountId, version: deps.config.TERMS_VERSION, now: deps.clock.now(), address: c.get('address') });
    }
    return c.redirect(nextOf(c.req.query('next')), 303);
  });

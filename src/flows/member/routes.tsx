// The member top page (SPEC T1), behind the session guard and the current-terms guard (T4), and the session's extend button (X6).
import { Hono } from 'hono';
import * as v from 'valibot';
import { TopPage } from '../../../views/pages/member/TopPage.js';
import { extendSession } from '../../auth/session.js';
import { paths, safeReturnPath } from '../../paths.js';
import type { AppEnv } from '../../web/env.js';
import { requireSession } from '../../web/session.js';
import { viewOf } from '../../web/view.js';
import { requireCurrentTerms } from '../terms/guard.js';

const ExtendForm = v.object({ back: v.optional(v.string(), '') });

export const memberRoutes = new Hono<AppEnv>()
  .get(paths.top, requireSession, requireCurrentTerms, async (c) => {
    const session = c.get('session');
    const home = session && (await c.get('deps').stores.member.loadHome(session.accountId));
    if (!home) return c.redirect(paths.signIn, 303);
    c.header('Cache-Control', 'no-store');
    return c.html(<TopPage v={viewOf(c)} home={home} />);
  })
  // SPEC X6 / WCAG 2.2.1: the idle clock starts again; the absolute end stays, and the member returns to the same page
  .post(paths.extendSession, requireSession, async (c) => {
    const session = c.get('session');
    if (session) await extendSession(c.get('deps'), session);
    const form = v.safeParse(ExtendForm, c.get('form'));
    return c.redirect((form.success && safeReturnPath(form.output.back)) || paths.top, 303);
  });

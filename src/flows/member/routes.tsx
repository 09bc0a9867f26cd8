// The member top page (SPEC T1), behind the session guard and the current-terms guard (T4).
import { Hono } from 'hono';
import { TopPage } from '../../../views/pages/member/TopPage.js';
import { paths } from '../../paths.js';
import type { AppEnv } from '../../web/env.js';
import { requireSession } from '../../web/session.js';
import { viewOf } from '../../web/view.js';
import { requireCurrentTerms } from '../terms/guard.js';

export const memberRoutes = new Hono<AppEnv>().get(paths.top, requireSession, requireCurrentTerms, async (c) => {
  const session = c.get('session');
  const home = session && (await c.get('deps').stores.member.loadHome(session.accountId));
  if (!home) return c.redirect(paths.signIn, 303);
  c.header('Cache-Control', 'no-store');
  return c.html(<TopPage v={viewOf(c)} home={home} settingsHref={paths.settings} />);
});

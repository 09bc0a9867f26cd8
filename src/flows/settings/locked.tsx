// The answer when wrong current passwords locked the My ID: the session cookie goes and the page points to reset.
import type { Context } from 'hono';
import { SettingsLockedPage } from '../../../views/pages/settings/SettingsLockedPage.js';
import { clearCookie } from '../../web/cookies.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { supportOf } from '../steps/code-check.js';

export function lockedResponse(c: Context<AppEnv>) {
  clearCookie(c, 'sid');
  c.set('session', undefined);
  return c.html(<SettingsLockedPage v={viewOf(c)} support={supportOf(c.get('deps').config)} />, 422);
}

// SPEC T2: 各種変更・申請手続き — the settings menu, password change and My ID change, for signed-in members who accepted the current terms.
import { Hono } from 'hono';
import { SettingsPage, type SettingsDone } from '../../../views/pages/settings/SettingsPage.js';
import type { AppEnv } from '../../web/env.js';
import { requireSession } from '../../web/session.js';
import { viewOf } from '../../web/view.js';
import { requireCurrentTerms } from '../terms/guard.js';
import { myIdRoutes } from './my-id.js';
import { showChangePassword, submitChangePassword } from './password.js';

export const settingsRoutes = new Hono<AppEnv>()
  .use(requireSession, requireCurrentTerms)
  .get('/', (c) => {
    const session = c.get('session')!;
    const doneParam = c.req.query('done');
    const simple: Record<string, SettingsDone> = { password: { kind: 'password' }, cancelled: { kind: 'cancelled' }, addresses: { kind: 'addressBudget' }, 'addresses-day': { kind: 'addressBudgetDay' } };
    const done: SettingsDone | undefined = doneParam === 'my-id' ? { kind: 'myId', email: session.email } : doneParam ? simple[doneParam] : undefined;
    return c.html(<SettingsPage v={viewOf(c)} email={session.email} done={done} />);
  })
  .get('/password', showChangePassword)
  .post('/password', submitChangePassword)
  .route('/my-id', myIdRoutes);

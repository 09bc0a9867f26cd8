// T2: confirm the new address with the current password → My ID changed, old address told, session rotated, others ended.
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { ConfirmMyIdPage } from '../../../../../views/pages/settings/ConfirmMyIdPage.js';
import type { FieldError } from '../../../../../views/view.js';
import { identifierHash } from '../../../../auth/lockout.js';
import { maskEmail } from '../../../../auth/normalise.js';
import { rotateSession } from '../../../../auth/session.js';
import { accountNotice } from '../../../../notify/account-texts.js';
import { paths } from '../../../../paths.js';
import { writeCookie } from '../../../../web/cookies.js';
import type { AppEnv } from '../../../../web/env.js';
import { viewOf } from '../../../../web/view.js';
import { currentFlow, dropFlowCookie } from '../../../guard.js';
import { auditEmailTaken } from '../../../steps/address.js';
import { supportOf } from '../../../steps/code-check.js';
import { checkCurrentPasswordCounted, triesLeftWarning } from '../../current-password.js';
import { lockedResponse } from '../../locked.js';
import { myIdChange } from '../machine.js';
import { showNewMyId } from './address.js';

const CurrentForm = v.object({ current: v.pipe(v.optional(v.string(), ''), v.maxLength(1024)) });

function showConfirm(c: Context<AppEnv>, status: 200 | 400 | 409 | 422, errors: FieldError[] = []) {
  const flow = currentFlow(c);
  return c.html(<ConfirmMyIdPage v={viewOf(c)} deadline={flow.expiresAt} email={flow.email ?? ''} errors={errors} />, status);
}

export function confirmStep(app: Hono<AppEnv>): void {
  app.get('/confirm', ...myIdChange.at('confirm'), (c) => showConfirm(c, 200));
  app.post('/confirm', ...myIdChange.at('confirm'), async (c) => {
    const deps = c.get('deps');
    const t = c.get('t');
    const session = c.get('session')!;
    const flow = currentFlow(c);
    const account = await deps.stores.settings.loadMemberAccount(session.accountId);
    if (!account || !flow.email) return c.redirect(paths.signIn, 303);
    const parsed = v.safeParse(CurrentForm, c.get('form'));
    const counted = await checkCurrentPasswordCounted(deps, account, parsed.success ? parsed.output.current : '', { address: c.get('address'), lang: c.get('lang') });
    if (counted.check === 'locked') return lockedResponse(c);
    if (counted.check === 'missing') return showConfirm(c, 400, [{ field: 'current', message: t('settings.errorCurrentRequired') }]);
    if (counted.check === 'wrong') return showConfirm(c, 422, [{ field: 'current', message: t('settings.errorCurrentWrong') + triesLeftWarning(t, counted) }]);

    const now = deps.clock.now();
    const newMyId = maskEmail(flow.email);
    const result = await deps.stores.settings.changeMyId({
      flowId: flow.id,
      move: { from: 'confirm', to: myIdChange.next('confirm', 'MY_ID_CHANGED') },
      accountId: account.id,
      newEmail: flow.email,
      newIdentifierHash: identifierHash(deps.config.SECRET, flow.email),
      keepSessionId: session.id,
      now,
      address: c.get('address'),
      // SPEC T2: the old address is told, naming the new one masked; stored with the change (D1)
      outbox: (done) => [accountNotice({ kind: 'myIdChanged', to: done.oldEmail, myId: newMyId, lang: c.get('lang'), brand: deps.config.BRAND_NAME, at: now, support: supportOf(deps.config) })],
    });
    dropFlowCookie(c);
    if ('error' in result) {
      // a second submit of the same confirmation: the first one did the change
      if (result.error === 'moved') return c.redirect(paths.settings, 303);
      await deps.stores.flows.end(flow.id, now);
      if (result.error === 'gone') return c.redirect(paths.signIn, 303);
      // SPEC M9: another account took the address after the code was sent
      await auditEmailTaken(c, flow.email, { flow: 'my-id', step: 'confirm', flowId: flow.id });
      return showNewMyId(c, 409, flow.email, [{ field: 'email', message: t('registration.errorEmailTaken') }]);
    }
    // SPEC T2, X3: a new session token; the member's other sessions are already gone
    writeCookie(c, 'sid', await rotateSession(deps, session, true));
    return c.redirect(`${paths.settings}?done=my-id`, 303);
  });
}

// R2/R3: the new password (M7); success unlocks the account, ends its sessions and emails a notice; then the done page.
import type { Hono } from 'hono';
import { ResetDonePage } from '../../../../views/pages/reset/ResetDonePage.js';
import { cardLockKey, identifierHash } from '../../../auth/lockout.js';
import { accountNotice } from '../../../notify/account-texts.js';
import { paths } from '../../../paths.js';
import type { AppEnv } from '../../../web/env.js';
import { viewOf } from '../../../web/view.js';
import { currentFlow } from '../../guard.js';
import { supportOf } from '../../steps/code-check.js';
import { newPasswordStep } from '../../steps/new-password.js';
import { reset } from '../machine.js';

export function passwordStep(app: Hono<AppEnv>): void {
  newPasswordStep(app, {
    flow: reset,
    step: 'password',
    text: (t, flow) => ({ title: t('reset.passwordTitle'), heading: t('reset.passwordHeading'), intro: [t('reset.passwordIntro', { email: flow.email ?? '' })] }),
    submit: 'reset.passwordSubmit',
    async load(c, flow) {
      const account = flow.accountId === null ? undefined : await c.get('deps').stores.settings.loadMemberAccount(flow.accountId);
      return account && { facts: account.facts, email: account.email, accountId: account.id };
    },
    async complete(c, flow, { email, accountId }, passwordHash) {
      const deps = c.get('deps');
      const now = deps.clock.now();
      const result = await deps.stores.reset.complete({
        flowId: flow.id,
        move: { from: 'password', to: reset.next('password', 'PASSWORD_SET') },
        accountId,
        passwordHash,
        identifierHash: identifierHash(deps.config.SECRET, email),
        now,
        address: c.get('address'),
        cardLockKey: (numberHash) => cardLockKey(deps.config.SECRET, numberHash),
        // SPEC R3: a notice to the My ID, stored with the new password (D1)
        outbox: (done) => [accountNotice({ kind: 'passwordReset', to: done.email, myId: done.email, lang: c.get('lang'), brand: deps.config.BRAND_NAME, at: now, support: supportOf(deps.config) })],
      });
      if ('error' in result) return c.redirect(result.error === 'moved' ? reset.url('password') : `${paths.signIn}?flow=expired`, 303);
      return c.redirect(reset.url('done'), 303);
    },
  });
}

export function doneStep(app: Hono<AppEnv>): void {
  app.get('/done', ...reset.at('done'), (c) => {
    const flow = currentFlow(c);
    return c.html(<ResetDonePage v={viewOf(c)} email={flow.email ?? ''} step={reset.stepOf(flow)} />);
  });
}

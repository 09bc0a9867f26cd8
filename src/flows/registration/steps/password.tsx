// G2/G3: the new password (M7); completion moves the holder's cards to the new account and closes a previous one; then done.
import type { Context, Hono } from 'hono';
import { RegisterDonePage } from '../../../../views/pages/registration/RegisterDonePage.js';
import { cardLockKey, identifierHash } from '../../../auth/lockout.js';
import { accountNotice } from '../../../notify/account-texts.js';
import type { AppEnv } from '../../../web/env.js';
import { viewOf } from '../../../web/view.js';
import { currentFlow } from '../../guard.js';
import { auditEmailTaken } from '../../steps/address.js';
import { supportOf } from '../../steps/code-check.js';
import type { CommitFacts } from '../../data.js';
import { keepCommitted, previewRegistration, registrationCommitFacts, registrationFacts } from '../../steps/commit-facts.js';
import { newPasswordStep } from '../../steps/new-password.js';
import { registration } from '../machine.js';

/** `showTaken`: the address step's answer for an address that is already a My ID. */
export function passwordStep(app: Hono<AppEnv>, showTaken: (c: Context<AppEnv>, typed: string) => Response | Promise<Response>): void {
  newPasswordStep(app, {
    flow: registration,
    step: 'password',
    text: (t, flow) => ({ title: t('registration.passwordTitle'), heading: t('registration.passwordHeading'), intro: [t('registration.passwordIntro', { email: flow.email ?? '' })] }),
    submit: 'registration.passwordSubmit',
    summary: (c, flow) => registrationCommitFacts(c.get('deps'), flow),
    async load(c, flow) {
      const facts = flow.holderId === null ? undefined : await c.get('deps').stores.settings.loadHolderFacts(flow.holderId);
      return facts && flow.email ? { facts, email: flow.email } : undefined;
    },
    async complete(c, flow, { facts, email }, passwordHash) {
      const deps = c.get('deps');
      const now = deps.clock.now();
      const preview = await previewRegistration(deps, flow);
      const notice = { lang: c.get('lang'), brand: deps.config.BRAND_NAME, at: now, support: supportOf(deps.config) };
      let committed: CommitFacts | undefined;
      const result = await deps.stores.registration.complete({
        flowId: flow.id,
        move: { from: 'password', to: registration.next('password', 'PASSWORD_SET') },
        holderId: facts.holderId,
        email,
        passwordHash,
        termsVersion: flow.data.termsVersion ?? deps.config.TERMS_VERSION,
        now,
        address: c.get('address'),
        hashIdentifier: (id) => identifierHash(deps.config.SECRET, id),
        cardLockKey: (numberHash) => cardLockKey(deps.config.SECRET, numberHash),
        // SPEC D1: the confirmation saying what was done, and a notice to each closed account's address, stored with the new account
        outbox: (done) => {
          committed = preview && registrationFacts(flow, preview, done.closedEmails);
          return [accountNotice({ ...notice, kind: 'myIdCreated', to: email, committed }), ...done.closedEmails.map((old) => accountNotice({ ...notice, kind: 'accountClosed', to: old, myId: old }))];
        },
      });
      if ('error' in result) {
        if (result.error === 'moved') return c.redirect(registration.url('password'), 303);
        // SPEC M9: another flow took the address meanwhile; nothing was written, and this flow goes back to choosing one
        await auditEmailTaken(c, email, { flow: 'registration', step: 'password', flowId: flow.id });
        await registration.move(c, flow, 'password', 'EMAIL_TAKEN', { email: null });
        return showTaken(c, email);
      }
      await keepCommitted(deps, flow, 'done', committed);
      return c.redirect(registration.url('done'), 303);
    },
  });
}

export function doneStep(app: Hono<AppEnv>): void {
  app.get('/done', ...registration.at('done'), (c) => {
    const flow = currentFlow(c);
    return c.html(<RegisterDonePage v={viewOf(c)} email={flow.email ?? ''} committed={flow.data.committed} step={registration.stepOf(flow)} />);
  });
}

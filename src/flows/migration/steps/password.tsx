// ⑧ M7 the new password, M8 completion in one transaction, M9 the race for one address.
import type { Context, Hono } from 'hono';
import { cardLockKey } from '../../../auth/lockout.js';
import { maskEmail } from '../../../auth/normalise.js';
import { accountNotice } from '../../../notify/account-texts.js';
import type { AppEnv } from '../../../web/env.js';
import { supportOf } from '../../steps/code-check.js';
import { auditEmailTaken } from '../../steps/address.js';
import type { CommitFacts } from '../../data.js';
import { keepCommitted, migrationCommitFacts, migrationFacts, previewMigration } from '../../steps/commit-facts.js';
import { newPasswordStep } from '../../steps/new-password.js';
import { migration } from '../machine.js';

/** `showTaken`: the M3 page's answer for an address that is already a My ID. */
export function passwordStep(app: Hono<AppEnv>, showTaken: (c: Context<AppEnv>, typed: string) => Response | Promise<Response>): void {
  newPasswordStep(app, {
    flow: migration,
    step: 'password',
    text: (t, flow) => ({ title: t('migration.passwordTitle'), heading: t('migration.passwordHeading'), intro: [t('migration.passwordIntro', { email: flow.email ?? '' }), t('migration.cancelRestart')] }),
    submit: 'migration.register',
    summary: (c, flow) => migrationCommitFacts(c.get('deps'), flow),
    async load(c, flow) {
      const facts = flow.holderId === null ? undefined : await c.get('deps').stores.settings.loadHolderFacts(flow.holderId);
      if (!facts || !flow.email || flow.cardId === null || flow.credentialId === null) return undefined;
      return { facts, email: flow.email, cardId: flow.cardId, credentialId: flow.credentialId };
    },
    async complete(c, flow, { facts, email, cardId, credentialId }, passwordHash) {
      const deps = c.get('deps');
      const now = deps.clock.now();
      // read before the change: the card's address that a new My ID replaces is told (issue 19)
      const replacedCardEmail = flow.data.keptCardEmail === true ? null : await deps.stores.migration.findCardEmail(cardId);
      const preview = await previewMigration(deps, flow);
      const notice = { lang: c.get('lang'), brand: deps.config.BRAND_NAME, at: now, support: supportOf(deps.config) };
      let committed: CommitFacts | undefined;
      // SPEC M8: a confirmation to the new My ID saying what was done; issue 19: the card's replaced address is told.
      // SPEC D1: both stored with the account, in its transaction
      const notices = (done: { cardIds: number[] }) => {
        committed = preview && migrationFacts(flow, preview, { cardIds: done.cardIds, replaced: replacedCardEmail });
        return [
          ...(replacedCardEmail && replacedCardEmail !== email ? [accountNotice({ ...notice, kind: 'cardEmailReplaced', to: replacedCardEmail, myId: maskEmail(email) })] : []),
          accountNotice({ ...notice, kind: 'myIdCreated', to: email, committed }),
        ];
      };
      const result = await deps.stores.migration.complete({
        flowId: flow.id,
        move: { from: 'password', to: migration.next('password', 'PASSWORD_SET') },
        holderId: facts.holderId,
        cardId,
        credentialId,
        email,
        passwordHash,
        termsVersion: flow.data.termsVersion ?? deps.config.TERMS_VERSION,
        now,
        address: c.get('address'),
        cardLockKey: (numberHash) => cardLockKey(deps.config.SECRET, numberHash),
        outbox: notices,
      });
      if ('error' in result) {
        if (result.error === 'moved') return c.redirect(migration.url('password'), 303);
        // SPEC M9: another flow registered this address first; nothing was written, and this member chooses another
        await auditEmailTaken(c, email, { flow: 'migration', step: 'password', flowId: flow.id });
        await migration.move(c, flow, 'password', 'EMAIL_TAKEN', { email: null, data: { cardEmailTaken: false } });
        return showTaken(c, email);
      }
      await keepCommitted(deps, flow, 'done', committed);
      return c.redirect(migration.url('done'), 303);
    },
  });
}

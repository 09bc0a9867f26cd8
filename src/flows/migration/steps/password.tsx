// M7 the new password, M8 completion in one transaction, M9 the race for one address, and ⑨ the done page.
import { auditEmailTaken } from '../../verify/email.js';
import { cardLockKey } from '../../../auth/lockout.js';
import type { Context, Hono } from 'hono';
import { MigrationDonePage } from '../../../../views/pages/migration/MigrationDonePage.js';
import { NewPasswordStepPage } from '../../../../views/pages/steps/NewPasswordStepPage.js';
import type { FieldError } from '../../../../views/view.js';
import { maskEmail } from '../../../auth/normalise.js';
import { supportOf } from '../../verify/code-step.js';
import { accountNotice } from '../../../notify/account-texts.js';
import { paths } from '../../../paths.js';
import type { AppEnv } from '../../../web/env.js';
import { viewOf } from '../../../web/view.js';
import { currentFlow } from '../../guard.js';
import { hashNewPassword, newPasswordErrors, newPasswordProblems, readNewPassword } from '../../verify/new-password.js';
import { at, cancelAction, next, stepOf, urlOf } from '../shared.js';
import { showNewEmail } from './email.js';

function showPassword(c: Context<AppEnv>, status: 200 | 400, errors: FieldError[] = []) {
  const t = c.get('t');
  const flow = currentFlow(c);
  const text = { title: t('migration.passwordTitle'), heading: t('migration.passwordHeading'), intro: [t('migration.passwordIntro', { email: flow.email ?? '' }), t('migration.cancelRestart')], ...stepOf('password'), deadline: flow.expiresAt };
  return c.html(<NewPasswordStepPage v={viewOf(c)} text={text} submit={t('migration.register')} errors={errors} action={urlOf('password')} cancelAction={cancelAction} />, status);
}

async function submitPassword(c: Context<AppEnv>): Promise<Response> {
  const deps = c.get('deps');
  const t = c.get('t');
  const flow = currentFlow(c);
  const facts = flow.holderId === null ? undefined : await deps.stores.settings.loadHolderFacts(flow.holderId);
  if (!facts || !flow.email || flow.cardId === null || flow.credentialId === null) return c.redirect(`${paths.signIn}?flow=expired`, 303);
  const entries = readNewPassword(c.get('form'));
  const problems = newPasswordProblems(entries, facts, flow.email);
  if (problems.length > 0) return showPassword(c, 400, newPasswordErrors(t, problems));

  const now = deps.clock.now();
  // read before the change: the card's address that a new My ID replaces is told (issue 19)
  const replacedCardEmail = flow.data.keptCardEmail === true ? null : await deps.stores.migration.findCardEmail(flow.cardId);
  const result = await deps.stores.migration.complete({
    flowId: flow.id,
    holderId: facts.holderId,
    cardId: flow.cardId,
    credentialId: flow.credentialId,
    email: flow.email,
    passwordHash: await hashNewPassword(entries.password),
    termsVersion: typeof flow.data.termsVersion === 'string' ? flow.data.termsVersion : deps.config.TERMS_VERSION,
    now,
    address: c.get('address'),
    cardLockKey: (numberHash) => cardLockKey(deps.config.SECRET, numberHash),
  });
  if ('error' in result) {
    if (result.error === 'moved') return c.redirect(urlOf('password'), 303);
    // SPEC M9: another flow registered this address first; nothing was written, and this member chooses another
    await auditEmailTaken(c, flow.email, { flow: 'migration', step: 'password', flowId: flow.id });
    await deps.stores.flows.advance(flow.id, 'password', next('password', 'EMAIL_TAKEN'), { email: null, data: { ...flow.data, cardEmailTaken: false } });
    c.set('flow', { ...flow, step: 'new-email', email: null, data: { ...flow.data, cardEmailTaken: false } });
    return showNewEmail(c, 409, flow.email, [{ field: 'email', message: t('migration.emailTaken') }]);
  }
  const notice = { lang: c.get('lang'), brand: deps.config.BRAND_NAME, at: now, support: supportOf(deps.config) };
  if (replacedCardEmail && replacedCardEmail !== flow.email) {
    await deps.notifier.send(accountNotice({ ...notice, kind: 'cardEmailReplaced', to: replacedCardEmail, myId: maskEmail(flow.email) }));
  }
  // SPEC M8: a confirmation email to the new My ID
  await deps.notifier.send(accountNotice({ ...notice, kind: 'myIdCreated', to: flow.email }));
  return c.redirect(urlOf('done'), 303);
}

export function mountPasswordSteps(app: Hono<AppEnv>): void {
  app.get('/password', ...at('password'), (c) => showPassword(c, 200));
  app.post('/password', ...at('password'), submitPassword);
  app.get('/done', ...at('done'), (c) => c.html(<MigrationDonePage v={viewOf(c)} email={currentFlow(c).email ?? ''} step={stepOf('done')} />));
}

// SPEC R1–R3 パスワードを忘れた方はこちら: My ID → "if it exists we sent a code" → email code → phone code → new password → done.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { ResetDonePage } from '../../../views/pages/reset/ResetDonePage.js';
import { NewPasswordStepPage } from '../../../views/pages/steps/NewPasswordStepPage.js';
import { ResetStartPage } from '../../../views/pages/reset/ResetStartPage.js';
import type { FieldError } from '../../../views/view.js';
import type { CodeSubject } from '../../auth/codes.js';
import { cardLockKey, identifierHash } from '../../auth/lockout.js';
import { normaliseIdentifier } from '../../auth/normalise.js';
import { keyedHash } from '../../auth/secrets.js';
import { takeRequestSlot } from '../../auth/throttle.js';
import { errorResponse } from '../../web/errors.js';
import type { FlowRow } from '../../db/contract.js';
import { accountNotice } from '../../notify/account-texts.js';
import { paths } from '../../paths.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { atStep, currentFlow, dropFlowCookie, loadFlow, startFlow, stepUrl } from '../guard.js';
import { hashNewPassword, newPasswordErrors, newPasswordProblems, readNewPassword } from '../verify/new-password.js';
import { moveTo, supportOf } from '../verify/code-step.js';
import { mountEmailCodeStep, sendEmailCode, type EmailCodeSpec } from '../verify/email-code-step.js';
import { mountPhoneStep, sendFirstPhoneCode, type PhoneSpec } from '../verify/phone-step.js';
import { nextStep } from '../machine.js';
import { RESET_FIRST_STEP, RESET_TOTAL_STEPS, resetStepNumber, resetSteps, type ResetEvent, type ResetStep } from './machine.js';

const KIND = 'reset';
const base = paths.reset;
const cancelAction = `${base}/cancel`;
const stepOf = (step: ResetStep | 'start') => ({ current: resetStepNumber[step], total: RESET_TOTAL_STEPS });
const next = (from: ResetStep, event: ResetEvent) => nextStep(resetSteps, from, event) as ResetStep;

const EmailForm = v.object({ email: v.pipe(v.optional(v.string(), ''), v.maxLength(1024)) });

/** R1: a plausible address (decided from the input alone, so known and unknown addresses are treated alike). */
function emailShapeOk(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email);
}

/**
 * SPEC R1/L6: wrong codes of an address with no account are counted per address, like those of
 * a real account: a stable negative pseudo-account number derived from the address.
 */
function ghostSubject(secret: string, email: string): CodeSubject {
  const n = parseInt(keyedHash(secret, 'reset-ghost', email).replace(/[^0-9]/g, '').slice(0, 12) || '1', 10);
  return `account:${-Math.max(1, n)}`;
}

const subjectOf = (flow: FlowRow) => flow.data.subject as CodeSubject;

const emailCode: EmailCodeSpec = {
  kind: KIND,
  base,
  step: 'email-code',
  cancelAction,
  subject: subjectOf,
  destination: (flow) => flow.email ?? '',
  silent: (flow) => flow.accountId === null,
  text: (t, flow) => ({ title: t('reset.emailCodeTitle'), heading: t('reset.emailCodeHeading'), intro: [t('reset.emailCodeIntro', { email: flow.email ?? '' }), t('reset.emailCodeNoMail')], ...stepOf('email-code') }),
  async verified(c, flow) {
    const deps = c.get('deps');
    // a flow for an unknown address has no account and cannot have verified; refuse to move on regardless
    if (flow.accountId === null || flow.holderId === null) return undefined;
    const to = next('email-code', 'EMAIL_CODE_VERIFIED');
    if (!(await deps.stores.flows.advance(flow.id, 'email-code', to))) return undefined;
    await sendFirstPhoneCode(deps, { ...flow, step: to }, phone, c.get('lang'), c.get('address'));
    return stepUrl(base, to);
  },
  // SPEC R1/L6: the My ID is typed before the flow starts, so correcting it ends this flow and starts again at R1 —
  // the same answer for a known and an unknown address, decided without looking at the account
  async changeAddress(c, flow) {
    const deps = c.get('deps');
    await deps.stores.flows.end(flow.id, deps.clock.now());
    dropFlowCookie(c);
    return base;
  },
};

const phone: PhoneSpec = {
  kind: KIND,
  base,
  step: 'phone',
  cancelAction,
  subject: subjectOf,
  holderId: (flow) => flow.holderId ?? 0,
  text: (t) => ({ title: t('reset.phoneTitle'), heading: t('verify.phoneHeading'), intro: [t('verify.phoneIntro')], ...stepOf('phone') }),
  verified: moveTo(base, 'phone', next('phone', 'PHONE_CODE_VERIFIED')),
};

function showStart(c: Context<AppEnv>, status: 200 | 400, email?: string, errors: FieldError[] = []) {
  return c.html(<ResetStartPage v={viewOf(c)} email={email} errors={errors} step={stepOf('start')} />, status);
}

function showPassword(c: Context<AppEnv>, status: 200 | 400, errors: FieldError[] = []) {
  const flow = currentFlow(c);
  const t = c.get('t');
  return c.html(
    <NewPasswordStepPage
      v={viewOf(c)}
      text={{ title: t('reset.passwordTitle'), heading: t('reset.passwordHeading'), intro: [t('reset.passwordIntro', { email: flow.email ?? '' })], ...stepOf('password'), deadline: flow.expiresAt }}
      submit={t('reset.passwordSubmit')}
      errors={errors}
      action={stepUrl(base, 'password')}
      cancelAction={cancelAction}
    />,
    status,
  );
}

export const resetRoutes = new Hono<AppEnv>()
  .get('/', (c) => showStart(c, 200))
  .post('/', async (c) => {
    const deps = c.get('deps');
    const t = c.get('t');
    const parsed = v.safeParse(EmailForm, c.get('form'));
    const typed = parsed.success ? parsed.output.email : '';
    const email = normaliseIdentifier(typed);
    // SPEC S5: every R1 request counts in the address throttle of L7, taken before any other work (known or unknown alike)
    const slot = await takeRequestSlot(deps, c.get('address'), identifierHash(deps.config.SECRET, email));
    if (!slot.ok) return errorResponse(c, 429);
    if (email === '') return showStart(c, 400, typed, [{ field: 'email', message: t('reset.errorEmailRequired') }]);
    if (!emailShapeOk(email)) return showStart(c, 400, typed, [{ field: 'email', message: t('reset.errorEmailFormat') }]);

    // SPEC R1: the same flow, the same redirect and the same next page whether or not the address is a My ID
    const account = await deps.stores.accounts.findOpenByEmail(email);
    const subject: CodeSubject = account ? `account:${account.id}` : ghostSubject(deps.config.SECRET, email);
    const flowId = await startFlow(c, { kind: KIND, step: RESET_FIRST_STEP, accountId: account?.id ?? null, holderId: account?.holderId ?? null, email, data: { subject } });
    const flow = await deps.stores.flows.findById(flowId);
    if (flow) await sendEmailCode(deps, flow, emailCode, c.get('lang'), c.get('address'));
    return c.redirect(stepUrl(base, RESET_FIRST_STEP), 303);
  })
  .post('/cancel', loadFlow(KIND), async (c) => {
    const deps = c.get('deps');
    await deps.stores.flows.end(currentFlow(c).id, deps.clock.now());
    dropFlowCookie(c);
    return c.redirect(`${paths.signIn}?flow=cancelled`, 303);
  })
  .get('/password', loadFlow(KIND), atStep(base, 'password'), (c) => showPassword(c, 200))
  .post('/password', loadFlow(KIND), atStep(base, 'password'), async (c) => {
    const deps = c.get('deps');
    const flow = currentFlow(c);
    const account = flow.accountId === null ? undefined : await deps.stores.settings.loadMemberAccount(flow.accountId);
    if (!account) return c.redirect(`${paths.signIn}?flow=expired`, 303);
    const entries = readNewPassword(c.get('form'));
    const problems = newPasswordProblems(entries, account.facts, account.email);
    if (problems.length > 0) return showPassword(c, 400, newPasswordErrors(c.get('t'), problems));

    const now = deps.clock.now();
    const result = await deps.stores.reset.complete({
      flowId: flow.id,
      accountId: account.id,
      passwordHash: await hashNewPassword(entries.password),
      identifierHash: identifierHash(deps.config.SECRET, account.email),
      now,
      address: c.get('address'),
      cardLockKey: (numberHash) => cardLockKey(deps.config.SECRET, numberHash),
    });
    if ('error' in result) return c.redirect(result.error === 'moved' ? stepUrl(base, 'password') : `${paths.signIn}?flow=expired`, 303);
    // SPEC R3: a notice to the My ID
    await deps.notifier.send(accountNotice({ kind: 'passwordReset', to: result.email, myId: result.email, lang: c.get('lang'), brand: deps.config.BRAND_NAME, at: now, support: supportOf(deps.config) }));
    return c.redirect(stepUrl(base, 'done'), 303);
  })
  .get('/done', loadFlow(KIND), atStep(base, 'done'), (c) => c.html(<ResetDonePage v={viewOf(c)} email={currentFlow(c).email ?? ''} step={stepOf('done')} />));

mountEmailCodeStep(resetRoutes, emailCode);
mountPhoneStep(resetRoutes, phone);

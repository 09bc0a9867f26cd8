// SPEC G1–G3 My ID作成はこちら: card number + birth date → phone code → terms → new email → email code → password → done.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { RegisterDonePage } from '../../../views/pages/registration/RegisterDonePage.js';
import { RegisterStartPage, type RegisterRefusal } from '../../../views/pages/registration/RegisterStartPage.js';
import type { DateParts } from '../../../views/components/DateOfBirthField.js';
import { NewPasswordStepPage } from '../../../views/pages/steps/NewPasswordStepPage.js';
import { EmailStepPage } from '../../../views/pages/steps/EmailStepPage.js';
import { TermsStepPage } from '../../../views/pages/steps/TermsStepPage.js';
import type { FieldError } from '../../../views/view.js';
import { cardLockKey, countFailure, countSuccess, identifierHash, noteLockedAttempt } from '../../auth/lockout.js';
import { cardLockNoticeMessage } from '../../notify/lock-texts.js';
import { normaliseDigits } from '../../auth/normalise.js';
import { keyedHash } from '../../auth/secrets.js';
import { takeRequestSlot } from '../../auth/throttle.js';
import { errorResponse } from '../../web/errors.js';
import { accountNotice } from '../../notify/account-texts.js';
import { paths } from '../../paths.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { atStep, currentFlow, dropFlowCookie, loadFlow, startFlow, stepUrl } from '../guard.js';
import { mountEmailCodeStep, sendEmailCode } from '../verify/email-code-step.js';
import { mountPhoneStep, sendFirstPhoneCode } from '../verify/phone-step.js';
import { hashNewPassword, newPasswordErrors, newPasswordProblems, readNewPassword } from '../verify/new-password.js';
import { auditEmailTaken, checkEmailAddress, countAddress, emailProblemError } from '../verify/email.js';
import { emailCode, phone } from './codes.js';
import { holderSubject, supportOf } from '../verify/code-step.js';
import { readBirthdate } from './birthdate.js';
import { REGISTRATION_FIRST_STEP } from './machine.js';
import { base, cancelAction, KIND, next, stepOf } from './shared.js';

const field = v.pipe(v.optional(v.string(), ''), v.maxLength(200));
const CardForm = v.object({
  card: field,
  // the three fields of the page (issue 19); a single `birthdate` (YYYY-MM-DD) is still read
  'birthdate-year': field,
  'birthdate-month': field,
  'birthdate-day': field,
  birthdate: field,
});

function showStart(c: Context<AppEnv>, status: 200 | 400 | 422, props: { card?: string; birthdate?: DateParts; errors?: FieldError[]; refusal?: RegisterRefusal } = {}) {
  return c.html(<RegisterStartPage v={viewOf(c)} step={stepOf('start')} {...props} />, status);
}

function showEmail(c: Context<AppEnv>, status: 200 | 400 | 409, email?: string, errors: FieldError[] = []) {
  const t = c.get('t');
  const text = {
    title: t('registration.emailTitle'),
    heading: t('registration.emailHeading'),
    intro: t('registration.emailIntro'),
    label: t('registration.emailLabel'),
    hint: t('registration.emailHint'),
    example: t('registration.emailExample'),
    submit: t('registration.emailSubmit'),
    back: t('registration.emailBack'),
  };
  return c.html(
    <EmailStepPage v={viewOf(c)} text={text} email={email} errors={errors} action={stepUrl(base, 'email')} cancelAction={cancelAction} step={stepOf('email')} deadline={currentFlow(c).expiresAt} />,
    status,
  );
}

function showPassword(c: Context<AppEnv>, status: 200 | 400, errors: FieldError[] = []) {
  const t = c.get('t');
  const flow = currentFlow(c);
  return c.html(
    <NewPasswordStepPage
      v={viewOf(c)}
      text={{ title: t('registration.passwordTitle'), heading: t('registration.passwordHeading'), intro: [t('registration.passwordIntro', { email: flow.email ?? '' })], ...stepOf('password'), deadline: flow.expiresAt }}
      submit={t('registration.passwordSubmit')}
      errors={errors}
      action={stepUrl(base, 'password')}
      cancelAction={cancelAction}
    />,
    status,
  );
}

/** SPEC S11: a card-number lock emails the holder (My ID, else the card's email); an unknown card has nobody to tell. */
async function sendCardLockNotice(c: Context<AppEnv>, numberHash: string, digits: string, lockedAt: number): Promise<void> {
  const deps = c.get('deps');
  const to = await deps.stores.registration.findLockNoticeAddress(numberHash);
  if (!to) return;
  const { config } = deps;
  await deps.notifier.send(
    cardLockNoticeMessage({ to, last4: digits.slice(-4), at: lockedAt, until: lockedAt + config.CARD_LOCK_SECONDS * 1000, brand: config.BRAND_NAME, supportPhone: config.SUPPORT_PHONE, supportHours: config.SUPPORT_HOURS }),
  );
}

type Refusal = { refusal: 'details' } | { refusal: 'locked'; lockedUntil: number };

/**
 * SPEC G1: wrong details are counted per card number like sign-in failures (L5/L6), whether or not the card exists;
 * SPEC S4: the lock lasts CARD_LOCK_SECONDS, and a known and an unknown card are locked alike.
 */
async function identifyHolder(c: Context<AppEnv>, digits: string, birthdate: string): Promise<{ holderId: number; cardId: number } | Refusal> {
  const deps = c.get('deps');
  const lockMs = deps.config.CARD_LOCK_SECONDS * 1000;
  const numberHash = keyedHash(deps.config.SECRET, 'card', digits);
  const who = { identifierHash: cardLockKey(deps.config.SECRET, numberHash), address: c.get('address') };
  const lockedUntil = await deps.stores.lockout.lockedUntil(who.identifierHash, deps.clock.now(), lockMs);
  if (lockedUntil !== null) return (await noteLockedAttempt(deps, who), { refusal: 'locked', lockedUntil });
  const found = await deps.stores.registration.findCardHolder(numberHash);
  if (!found || found.birthdate !== birthdate) {
    const count = await countFailure(deps, who, 'card_details', lockMs);
    // SPEC L6: not awaited, so a slow mail provider cannot tell that the card exists
    if (count.lockedNow && count.lockedAt !== null) {
      void sendCardLockNotice(c, numberHash, digits, count.lockedAt).catch((err) => console.error(`[card lock notice] ${err instanceof Error ? err.message : String(err)}`));
    }
    return count.locked && count.lockedAt !== null ? { refusal: 'locked', lockedUntil: count.lockedAt + lockMs } : { refusal: 'details' };
  }
  if (!(await countSuccess(deps, who, { flow: KIND }, lockMs))) return { refusal: 'locked', lockedUntil: deps.clock.now() + lockMs };
  return { holderId: found.holderId, cardId: found.cardId };
}

export const registrationRoutes = new Hono<AppEnv>()
  .get('/', (c) => showStart(c, 200))
  .post('/', async (c) => {
    const t = c.get('t');
    const deps = c.get('deps');
    const parsed = v.safeParse(CardForm, c.get('form'));
    const form = parsed.success ? parsed.output : { card: '', 'birthdate-year': '', 'birthdate-month': '', 'birthdate-day': '', birthdate: '' };
    const digits = normaliseDigits(form.card);
    // SPEC L7/S5: every G1 request counts in the address throttle, taken before any other work
    const slot = await takeRequestSlot(deps, c.get('address'), cardLockKey(deps.config.SECRET, keyedHash(deps.config.SECRET, 'card', digits)));
    if (!slot.ok) return errorResponse(c, 429);
    const { date, parts } = readBirthdate(t, form);
    const errors: FieldError[] = [
      ...(digits === '' ? [{ field: 'card', message: t('registration.errorCardRequired') }] : !/^\d{12,19}$/.test(digits) ? [{ field: 'card', message: t('registration.errorCardFormat') }] : []),
      ...('iso' in date ? [] : [date]),
    ];
    const shown = { card: form.card, birthdate: parts };
    if (errors.length > 0 || !('iso' in date)) return showStart(c, 400, { ...shown, errors });
    const birthdate = date.iso;

    const found = await identifyHolder(c, digits, birthdate);
    if ('refusal' in found) {
      // SPEC S4: the lock page says until when (Japan time)
      const message = found.refusal === 'locked' ? `${t('registration.errorLocked')}${t('registration.errorLockedUntil', { time: viewOf(c).dateTime(found.lockedUntil) })}` : t('registration.errorDetails');
      return showStart(c, 422, { ...shown, refusal: found.refusal, errors: [{ field: 'card', message }] });
    }
    const flowId = await startFlow(c, { kind: KIND, step: REGISTRATION_FIRST_STEP, holderId: found.holderId, cardId: found.cardId });
    const flow = await deps.stores.flows.findById(flowId);
    // SPEC M6 ⑦-1: the SMS goes on arrival at the phone step
    if (flow) await sendFirstPhoneCode(deps, flow, phone, c.get('lang'), c.get('address'));
    return c.redirect(stepUrl(base, REGISTRATION_FIRST_STEP), 303);
  })
  .post('/cancel', loadFlow(KIND), async (c) => {
    const deps = c.get('deps');
    await deps.stores.flows.end(currentFlow(c).id, deps.clock.now());
    dropFlowCookie(c);
    return c.redirect(`${paths.signIn}?flow=cancelled`, 303);
  })
  .get('/terms', loadFlow(KIND), atStep(base, 'terms'), (c) => {
    const t = c.get('t');
    const text = {
      title: t('registration.termsTitle'),
      heading: t('registration.termsHeading'),
      intro: t('registration.termsIntro'),
      cancelNote: t('registration.termsCancelNote'),
      accept: t('registration.termsAccept'),
      cancel: t('registration.cancel'),
    };
    const version = c.get('deps').config.TERMS_VERSION;
    return c.html(
      <TermsStepPage v={viewOf(c)} text={text} version={version} action={stepUrl(base, 'terms')} cancelAction={cancelAction} step={stepOf('terms')} deadline={currentFlow(c).expiresAt} />,
    );
  })
  .post('/terms', loadFlow(KIND), atStep(base, 'terms'), async (c) => {
    const deps = c.get('deps');
    const flow = currentFlow(c);
    const to = next('terms', 'TERMS_ACCEPTED');
    // the version accepted is the one the account records (SPEC T4)
    await deps.stores.flows.advance(flow.id, 'terms', to, { data: { ...flow.data, termsVersion: deps.config.TERMS_VERSION } });
    return c.redirect(stepUrl(base, to), 303);
  })
  // back from the code step to correct the address: the one typed before is in the field
  .get('/email', loadFlow(KIND), atStep(base, 'email'), (c) => showEmail(c, 200, currentFlow(c).email ?? undefined))
  .post('/email', loadFlow(KIND), atStep(base, 'email'), async (c) => {
    const deps = c.get('deps');
    const t = c.get('t');
    const flow = currentFlow(c);
    const typed = v.safeParse(v.object({ email: v.pipe(v.optional(v.string(), ''), v.maxLength(1024)) }), c.get('form'));
    const raw = typed.success ? typed.output.email : '';
    const checked = checkEmailAddress(raw);
    if ('problem' in checked) return showEmail(c, 400, raw, [emailProblemError(t, checked.problem)]);
    // SPEC S2: counted, taken or not, before it is looked up
    const ended = await countAddress(c, flow, holderSubject(flow.holderId));
    if (ended) return c.redirect(ended, 303);
    // SPEC G2: an address that is already a My ID cannot be used
    if (await deps.stores.settings.isMyIdTaken(checked.email)) {
      await auditEmailTaken(c, checked.email, { flow: KIND, step: 'email', flowId: flow.id });
      return showEmail(c, 409, raw, [{ field: 'email', message: t('registration.errorEmailTaken') }]);
    }
    const to = next('email', 'EMAIL_CHOSEN');
    if (!(await deps.stores.flows.advance(flow.id, 'email', to, { email: checked.email }))) return c.redirect(stepUrl(base, 'email'), 303);
    await sendEmailCode(deps, { ...flow, step: to, email: checked.email }, emailCode, c.get('lang'), c.get('address'));
    return c.redirect(stepUrl(base, to), 303);
  })
  .get('/password', loadFlow(KIND), atStep(base, 'password'), (c) => showPassword(c, 200))
  .post('/password', loadFlow(KIND), atStep(base, 'password'), async (c) => {
    const deps = c.get('deps');
    const t = c.get('t');
    const flow = currentFlow(c);
    const facts = flow.holderId === null ? undefined : await deps.stores.settings.loadHolderFacts(flow.holderId);
    if (!facts || !flow.email) return c.redirect(`${paths.signIn}?flow=expired`, 303);
    const entries = readNewPassword(c.get('form'));
    const problems = newPasswordProblems(entries, facts, flow.email);
    if (problems.length > 0) return showPassword(c, 400, newPasswordErrors(t, problems));

    const now = deps.clock.now();
    const termsVersion = typeof flow.data.termsVersion === 'string' ? flow.data.termsVersion : deps.config.TERMS_VERSION;
    const result = await deps.stores.registration.complete({
      flowId: flow.id,
      holderId: facts.holderId,
      email: flow.email,
      passwordHash: await hashNewPassword(entries.password),
      termsVersion,
      now,
      address: c.get('address'),
      hashIdentifier: (id) => identifierHash(deps.config.SECRET, id),
      cardLockKey: (numberHash) => cardLockKey(deps.config.SECRET, numberHash),
    });
    if ('error' in result) {
      if (result.error === 'moved') return c.redirect(stepUrl(base, 'password'), 303);
      // SPEC M9: another flow took the address meanwhile; nothing was written, and this flow goes back to choosing one
      await auditEmailTaken(c, flow.email, { flow: KIND, step: 'password', flowId: flow.id });
      await deps.stores.flows.advance(flow.id, 'password', next('password', 'EMAIL_TAKEN'), { email: null });
      return showEmail(c, 409, flow.email, [{ field: 'email', message: t('registration.errorEmailTaken') }]);
    }
    const notice = { lang: c.get('lang'), brand: deps.config.BRAND_NAME, at: now, support: supportOf(deps.config) };
    await deps.notifier.send(accountNotice({ ...notice, kind: 'myIdCreated', to: flow.email }));
    for (const old of result.closedEmails) await deps.notifier.send(accountNotice({ ...notice, kind: 'accountClosed', to: old, myId: old }));
    return c.redirect(stepUrl(base, 'done'), 303);
  })
  .get('/done', loadFlow(KIND), atStep(base, 'done'), (c) => c.html(<RegisterDonePage v={viewOf(c)} email={currentFlow(c).email ?? ''} step={stepOf('done')} />));

mountPhoneStep(registrationRoutes, phone);
mountEmailCodeStep(registrationRoutes, emailCode);

// M2 keep the card's email or not, M3 a new email, M5 confirm it — the steps that settle which address becomes the My ID.
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { Callout } from '../../../../views/components/Callout.js';
import { ConfirmEmailPage } from '../../../../views/pages/migration/ConfirmEmailPage.js';
import { EmailChoicePage } from '../../../../views/pages/migration/EmailChoicePage.js';
import { EmailStepPage } from '../../../../views/pages/steps/EmailStepPage.js';
import type { FieldError } from '../../../../views/view.js';
import { emailMaskParts, maskEmail } from '../../../auth/normalise.js';
import type { FlowRow } from '../../../db/contract.js';
import type { AppEnv } from '../../../web/env.js';
import { viewOf } from '../../../web/view.js';
import { currentFlow } from '../../guard.js';
import { auditEmailTaken, checkEmailAddress, countAddress, emailProblemError } from '../../verify/email.js';
import { holderSubject } from '../../verify/code-step.js';
import { sendEmailCode } from '../../verify/email-code-step.js';
import { sendFirstPhoneCode } from '../../verify/phone-step.js';
import { emailCodeStep, phoneStep } from './codes.js';
import { at, cancelAction, next, stepOf, urlOf } from '../shared.js';

const ChoiceForm = v.object({ choice: v.picklist(['yes', 'no']) });
const EmailForm = v.object({ email: v.pipe(v.optional(v.string(), ''), v.maxLength(1024)) });

/** Moves into the phone step and sends the SMS on arrival (SPEC M6 ⑦-1) — only the request that moved the flow sends. */
export async function enterPhoneStep(c: Context<AppEnv>, flow: FlowRow, from: 'email-choice' | 'confirm-email', email: string): Promise<Response> {
  const deps = c.get('deps');
  const to = next(from, from === 'email-choice' ? 'CARD_EMAIL_KEPT' : 'EMAIL_CONFIRMED');
  if (!(await deps.stores.flows.advance(flow.id, from, to, { email }))) return c.redirect(urlOf(from), 303);
  await sendFirstPhoneCode(deps, { ...flow, step: to, email }, phoneStep, c.get('lang'), c.get('address'));
  return c.redirect(urlOf(to), 303);
}

export function showNewEmail(c: Context<AppEnv>, status: 200 | 400 | 409, email?: string, errors: FieldError[] = []) {
  const t = c.get('t');
  const flow = currentFlow(c);
  const text = {
    title: t('migration.newEmailTitle'),
    heading: t('migration.newEmailHeading'),
    intro: t('migration.newEmailIntro'),
    label: t('migration.emailLabel'),
    hint: t('migration.newEmailHint'),
    example: t('migration.emailExample'),
    submit: t('migration.register'),
    back: t('migration.backToSignIn'),
    cancelNote: t('migration.cancelNote'),
  };
  // SPEC M2: はい on a card email that is already a My ID lands here with the guide's message
  const notice = flow.data.cardEmailTaken ? (
    <Callout kind="warning" role="alert">
      <p>{t('migration.cardEmailTaken')}</p>
      <p>{t('migration.cardEmailTakenAction')}</p>
    </Callout>
  ) : undefined;
  const page = <EmailStepPage v={viewOf(c)} text={text} email={email} errors={errors} notice={notice} action={urlOf('new-email')} cancelAction={cancelAction} step={stepOf('new-email')} deadline={flow.expiresAt} />;
  return c.html(page, status);
}

export function mountEmailSteps(app: Hono<AppEnv>): void {
  app.get('/email-choice', ...at('email-choice'), async (c) => {
    const flow = currentFlow(c);
    const cardEmail = (flow.cardId && (await c.get('deps').stores.migration.findCardEmail(flow.cardId))) || '';
    return c.html(<EmailChoicePage v={viewOf(c)} maskedEmail={maskEmail(cardEmail)} emailParts={emailMaskParts(cardEmail)} action={urlOf('email-choice')} step={stepOf('email-choice')} deadline={flow.expiresAt} />);
  });

  app.post('/email-choice', ...at('email-choice'), async (c) => {
    const deps = c.get('deps');
    const flow = currentFlow(c);
    const parsed = v.safeParse(ChoiceForm, c.get('form'));
    if (!parsed.success) return c.redirect(urlOf('email-choice'), 303);
    const cardEmail = flow.cardId ? await deps.stores.migration.findCardEmail(flow.cardId) : null;
    if (parsed.output.choice === 'no' || !cardEmail) {
      const to = next('email-choice', 'OTHER_EMAIL_CHOSEN');
      await deps.stores.flows.advance(flow.id, 'email-choice', to, { data: { ...flow.data, keptCardEmail: false } });
      return c.redirect(urlOf(to), 303);
    }
    if (await deps.stores.settings.isMyIdTaken(cardEmail)) {
      await auditEmailTaken(c, cardEmail, { flow: 'migration', step: 'email-choice', flowId: flow.id });
      const to = next('email-choice', 'CARD_EMAIL_TAKEN');
      await deps.stores.flows.advance(flow.id, 'email-choice', to, { data: { ...flow.data, cardEmailTaken: true } });
      return c.redirect(urlOf(to), 303);
    }
    return enterPhoneStep(c, { ...flow, data: { ...flow.data, keptCardEmail: true } }, 'email-choice', cardEmail);
  });

  // back from the code step to correct the address: the one typed before is in the field
  app.get('/new-email', ...at('new-email'), (c) => showNewEmail(c, 200, currentFlow(c).email ?? undefined));

  app.post('/new-email', ...at('new-email'), async (c) => {
    const deps = c.get('deps');
    const t = c.get('t');
    const flow = currentFlow(c);
    const typed = v.safeParse(EmailForm, c.get('form'));
    const raw = typed.success ? typed.output.email : '';
    const checked = checkEmailAddress(raw);
    if ('problem' in checked) return showNewEmail(c, 400, raw, [emailProblemError(t, checked.problem)]);
    // SPEC S2: counted, taken or not, before it is looked up
    const ended = await countAddress(c, flow, holderSubject(flow.holderId));
    if (ended) return c.redirect(ended, 303);
    // SPEC M3: an address that is already a My ID cannot be used
    if (await deps.stores.settings.isMyIdTaken(checked.email)) {
      await auditEmailTaken(c, checked.email, { flow: 'migration', step: 'new-email', flowId: flow.id });
      return showNewEmail(c, 409, raw, [{ field: 'email', message: t('migration.emailTaken') }]);
    }
    const to = next('new-email', 'EMAIL_ENTERED');
    if (!(await deps.stores.flows.advance(flow.id, 'new-email', to, { email: checked.email }))) return c.redirect(urlOf('new-email'), 303);
    await sendEmailCode(deps, { ...flow, step: to, email: checked.email }, emailCodeStep, c.get('lang'), c.get('address'));
    return c.redirect(urlOf(to), 303);
  });

  app.get('/confirm-email', ...at('confirm-email'), (c) =>
    c.html(<ConfirmEmailPage v={viewOf(c)} email={currentFlow(c).email ?? ''} action={urlOf('confirm-email')} cancelAction={cancelAction} step={stepOf('confirm-email')} deadline={currentFlow(c).expiresAt} />),
  );

  app.post('/confirm-email', ...at('confirm-email'), (c) => {
    const flow = currentFlow(c);
    return enterPhoneStep(c, flow, 'confirm-email', flow.email ?? '');
  });
}

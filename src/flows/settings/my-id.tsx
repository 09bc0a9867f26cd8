// SPEC T2 My ID変更: new email (M3) → code to it (M4, where a mistyped address can be corrected) → confirm with the current password → My ID changed, old address told, session rotated, others ended.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { ConfirmMyIdPage } from '../../../views/pages/settings/ConfirmMyIdPage.js';
import { NewMyIdPage } from '../../../views/pages/settings/NewMyIdPage.js';
import type { FieldError } from '../../../views/view.js';
import { identifierHash } from '../../auth/lockout.js';
import { maskEmail } from '../../auth/normalise.js';
import { rotateSession } from '../../auth/session.js';
import type { FlowRow } from '../../db/contract.js';
import { accountNotice } from '../../notify/account-texts.js';
import { paths } from '../../paths.js';
import { writeCookie } from '../../web/cookies.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { atStep, currentFlow, dropFlowCookie, loadFlow, startFlow, stepUrl } from '../guard.js';
import { nextStep, type StepTable } from '../machine.js';
import { auditEmailTaken, checkEmailAddress, countAddress, emailProblemError } from '../verify/email.js';
import { moveTo, supportOf } from '../verify/code-step.js';
import { mountEmailCodeStep, sendEmailCode, type EmailCodeSpec } from '../verify/email-code-step.js';
import { checkCurrentPasswordCounted, triesLeftWarning } from './current-password.js';
import { lockedResponse } from './locked.js';

const KIND = 'my-id-change';
const base = `${paths.settings}/my-id`;

type MyIdStep = 'email' | 'email-code' | 'confirm' | 'done';
type MyIdEvent = 'EMAIL_ENTERED' | 'EMAIL_CODE_VERIFIED' | 'EMAIL_CHANGE_REQUESTED' | 'MY_ID_CHANGED' | 'EMAIL_TAKEN';

/** T2 as data; the new-address form before the flow starts it at the code, and the flow's own address step takes a corrected one. */
export const myIdSteps: StepTable<MyIdStep, MyIdEvent> = {
  email: { EMAIL_ENTERED: 'email-code' },
  // SPEC M4: a mistyped address is corrected at the address step, and the code goes to the new one
  'email-code': { EMAIL_CODE_VERIFIED: 'confirm', EMAIL_CHANGE_REQUESTED: 'email' },
  confirm: { MY_ID_CHANGED: 'done' },
  done: {},
};

/** A My ID change flow belongs to the member who started it: another session's cookie is not enough. */
const ownFlow: MiddlewareHandler<AppEnv> = async (c, next) => {
  const flow = c.get('flow');
  if (!flow || flow.accountId !== c.get('session')?.accountId) {
    dropFlowCookie(c);
    return c.redirect(paths.settings, 303);
  }
  await next();
};

const subject = (flow: FlowRow) => `account:${flow.accountId ?? 0}` as const;
const next = (from: MyIdStep, event: MyIdEvent) => nextStep(myIdSteps, from, event) as MyIdStep;
const addressStep = stepUrl(base, 'email');

const emailCode: EmailCodeSpec = {
  kind: KIND,
  base,
  step: 'email-code',
  cancelAction: `${base}/cancel`,
  flowGuard: ownFlow,
  subject,
  destination: (flow) => flow.email ?? '',
  text: (t, flow) => ({ title: t('settings.codeTitle'), heading: t('settings.codeHeading'), intro: [t('settings.codeIntro', { email: flow.email ?? '' })], cancelNote: t('verify.cancelNoteSettings') }),
  verified: moveTo(base, 'email-code', next('email-code', 'EMAIL_CODE_VERIFIED')),
  changeAddress: moveTo(base, 'email-code', next('email-code', 'EMAIL_CHANGE_REQUESTED')),
};

const EmailForm = v.object({ email: v.pipe(v.optional(v.string(), ''), v.maxLength(1024)) });
const CurrentForm = v.object({ current: v.pipe(v.optional(v.string(), ''), v.maxLength(1024)) });

function showNew(c: Context<AppEnv>, status: 200 | 400 | 409, email?: string, errors: FieldError[] = [], action = base) {
  return c.html(<NewMyIdPage v={viewOf(c)} current={c.get('session')!.email} email={email} errors={errors} action={action} />, status);
}

/** The posted new My ID by the M3 rules and not the current one, or the form shown again with why not (nothing counted). */
async function readNewMyId(c: Context<AppEnv>, action: string): Promise<{ email: string } | { refused: Response }> {
  const t = c.get('t');
  const parsed = v.safeParse(EmailForm, c.get('form'));
  const raw = parsed.success ? parsed.output.email : '';
  const checked = checkEmailAddress(raw);
  if ('problem' in checked) return { refused: await showNew(c, 400, raw, [emailProblemError(t, checked.problem)], action) };
  if (checked.email === c.get('session')!.email) return { refused: await showNew(c, 400, raw, [{ field: 'email', message: t('settings.errorEmailSame') }], action) };
  return { email: checked.email };
}

/**
 * The flow's address step (at `email`) takes a read address: SPEC S2 counts it before it is looked up (a spent budget ends
 * the flow, back to the settings); one that is already a My ID is refused (audited); else the code goes to it.
 */
async function submitNewMyId(c: Context<AppEnv>, flow: FlowRow, email: string, raw: string): Promise<Response> {
  const deps = c.get('deps');
  const ended = await countAddress(c, flow, subject(flow));
  if (ended) return c.redirect(ended, 303);
  if (await deps.stores.settings.isMyIdTaken(email)) {
    await auditEmailTaken(c, email, { flow: 'my-id', step: 'email', flowId: flow.id });
    return showNew(c, 409, raw, [{ field: 'email', message: c.get('t')('registration.errorEmailTaken') }], addressStep);
  }
  const to = next('email', 'EMAIL_ENTERED');
  if (!(await deps.stores.flows.advance(flow.id, 'email', to, { email }))) return c.redirect(addressStep, 303);
  await sendEmailCode(deps, { ...flow, step: to, email }, emailCode, c.get('lang'), c.get('address'));
  return c.redirect(stepUrl(base, to), 303);
}

const rawOf = (c: Context<AppEnv>) => {
  const parsed = v.safeParse(EmailForm, c.get('form'));
  return parsed.success ? parsed.output.email : '';
};

function showConfirm(c: Context<AppEnv>, status: 200 | 400 | 409 | 422, errors: FieldError[] = []) {
  return c.html(<ConfirmMyIdPage v={viewOf(c)} deadline={currentFlow(c).expiresAt} email={currentFlow(c).email ?? ''} errors={errors} />, status);
}

export const myIdRoutes = new Hono<AppEnv>()
  .get('/', (c) => showNew(c, 200))
  .post('/', async (c) => {
    const deps = c.get('deps');
    const read = await readNewMyId(c, base);
    if ('refused' in read) return read.refused;
    // SPEC S2: the flow starts at the address step with the first address, so every later one is counted in it
    const flowId = await startFlow(c, { kind: KIND, step: 'email', accountId: c.get('session')!.accountId });
    const flow = await deps.stores.flows.findById(flowId);
    if (!flow) return c.redirect(base, 303);
    return submitNewMyId(c, flow, read.email, rawOf(c));
  })
  // back from the code step to correct the address: the one typed before is in the field
  .get('/email', loadFlow(KIND), ownFlow, atStep(base, 'email'), (c) => showNew(c, 200, currentFlow(c).email ?? undefined, [], addressStep))
  .post('/email', loadFlow(KIND), ownFlow, atStep(base, 'email'), async (c) => {
    const read = await readNewMyId(c, addressStep);
    if ('refused' in read) return read.refused;
    return submitNewMyId(c, currentFlow(c), read.email, rawOf(c));
  })
  .post('/cancel', loadFlow(KIND), ownFlow, async (c) => {
    const deps = c.get('deps');
    await deps.stores.flows.end(currentFlow(c).id, deps.clock.now());
    dropFlowCookie(c);
    return c.redirect(`${paths.settings}?done=cancelled`, 303);
  })
  .get('/confirm', loadFlow(KIND), ownFlow, atStep(base, 'confirm'), (c) => showConfirm(c, 200))
  .post('/confirm', loadFlow(KIND), ownFlow, atStep(base, 'confirm'), async (c) => {
    const deps = c.get('deps');
    const t = c.get('t');
    const session = c.get('session')!;
    const flow = currentFlow(c);
    const account = await deps.stores.settings.loadMemberAccount(session.accountId);
    if (!account || !flow.email) return c.redirect(paths.signIn, 303);
    const parsed = v.safeParse(CurrentForm, c.get('form'));
    const counted = await checkCurrentPasswordCounted(deps, account, parsed.success ? parsed.output.current : '', { address: c.get('address'), lang: c.get('lang') });
    const current = counted.check;
    if (current === 'locked') return lockedResponse(c);
    if (current === 'missing') return showConfirm(c, 400, [{ field: 'current', message: t('settings.errorCurrentRequired') }]);
    if (current === 'wrong') return showConfirm(c, 422, [{ field: 'current', message: t('settings.errorCurrentWrong') + triesLeftWarning(t, counted) }]);

    const now = deps.clock.now();
    const result = await deps.stores.settings.changeMyId({
      flowId: flow.id,
      accountId: account.id,
      newEmail: flow.email,
      newIdentifierHash: identifierHash(deps.config.SECRET, flow.email),
      keepSessionId: session.id,
      now,
      address: c.get('address'),
    });
    if ('error' in result) {
      dropFlowCookie(c);
      // a second submit of the same confirmation: the first one did the change
      if (result.error === 'moved') return c.redirect(paths.settings, 303);
      await deps.stores.flows.end(flow.id, now);
      if (result.error === 'gone') return c.redirect(paths.signIn, 303);
      // SPEC M9: another account took the address after the code was sent
      await auditEmailTaken(c, flow.email ?? '', { flow: 'my-id', step: 'confirm', flowId: flow.id });
      return showNew(c, 409, flow.email, [{ field: 'email', message: t('registration.errorEmailTaken') }]);
    }
    dropFlowCookie(c);
    // SPEC T2, X3: a new session token; the member's other sessions are already gone
    writeCookie(c, 'sid', await rotateSession(deps, session, true));
    // SPEC T2: the old address is told, naming the new one masked
    await deps.notifier.send(accountNotice({ kind: 'myIdChanged', to: result.oldEmail, myId: maskEmail(flow.email), lang: c.get('lang'), brand: deps.config.BRAND_NAME, at: now, support: supportOf(deps.config) }));
    return c.redirect(`${paths.settings}?done=my-id`, 303);
  });

mountEmailCodeStep(myIdRoutes, emailCode);

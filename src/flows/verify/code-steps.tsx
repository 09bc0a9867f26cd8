// The code-entry steps (SPEC M4 email, M6 phone, M6a limits) as reset, new My ID and My ID change use them: mounted on a flow's sub-app, parameterised by step, subject and what happens once the code is right.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { EmailCodePage } from '../../../views/pages/verify/EmailCodePage.js';
import type { CodeTimes, StepText } from '../../../views/pages/verify/CodeStepParts.js';
import { PhonePage, type PhoneChoice } from '../../../views/pages/verify/PhonePage.js';
import type { FieldError } from '../../../views/view.js';
import { codeState, sendCode, verifyCode, type CodeChannel, type CodePurpose, type CodeSubject, type VerifyCodeResult } from '../../auth/codes.js';
import { maskPhone, phoneKind } from '../../auth/normalise.js';
import type { Deps } from '../../deps.js';
import { findFlowById, updateFlowData, type FlowRow } from '../../db/stores/flows.js';
import { loadHolderFacts } from '../../db/stores/settings.js';
import type { Lang, T } from '../../i18n/index.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { atStep, currentFlow, loadFlow, stepUrl } from '../guard.js';

type Status = 200 | 400 | 422 | 429;

const pass: MiddlewareHandler<AppEnv> = (_c, next) => next();

/** The shared flow guard (loaded, live, at this step), plus the spec's own check. */
function stepGuard(spec: CodeStepSpec) {
  return [loadFlow(spec.kind), spec.flowGuard ?? pass, atStep(spec.base, spec.step)] as const;
}

export type CodeStepSpec = {
  kind: string;
  base: string;
  step: string;
  /** Whose wrong entries are counted (SPEC M6a). */
  subject: (flow: FlowRow) => CodeSubject;
  text: (t: T, flow: FlowRow) => StepText;
  /** The code was right: advance the flow (guarded) and return where to go; undefined when another request moved it first. */
  verified: (c: Context<AppEnv>, flow: FlowRow) => Promise<string | undefined>;
  /** The flow's cancel action. */
  cancelAction: string;
  /** Runs after the flow is loaded, e.g. to check it belongs to the signed-in member. */
  flowGuard?: MiddlewareHandler<AppEnv>;
};

export type EmailCodeSpec = CodeStepSpec & {
  destination: (flow: FlowRow) => string;
  /** SPEC R1: a flow for an address with no account records codes but sends none. */
  silent?: (flow: FlowRow) => boolean;
};

export type PhoneSpec = CodeStepSpec & { holderId: (flow: FlowRow) => number };

/** The message for a refused code, and the status it is shown with. */
function codeError(t: T, result: Exclude<VerifyCodeResult, { ok: true }>): { status: Status; errors: FieldError[] } {
  switch (result.error) {
    case 'invalid':
      return { status: 400, errors: [{ field: 'code', message: t('verify.codeErrorInvalid') }] };
    case 'mismatch':
      return { status: 422, errors: [{ field: 'code', message: t('verify.codeErrorMismatch') }] };
    case 'expired':
    case 'none':
      return { status: 422, errors: [{ field: 'code', message: t('verify.codeErrorExpired') }] };
    case 'locked':
      return { status: 429, errors: [{ field: 'code', message: t('verify.codeErrorLocked') }] };
  }
}

function readCode(form: Record<string, string>): string {
  const parsed = v.safeParse(v.object({ code: v.pipe(v.optional(v.string(), ''), v.maxLength(64)) }), form);
  return parsed.success ? parsed.output.code : '';
}

async function timesOf(deps: Deps, flow: FlowRow, purpose: CodePurpose, subject: CodeSubject, destination?: string): Promise<CodeTimes> {
  const state = await codeState(deps, { flowId: flow.id, purpose, subject, destination });
  const now = deps.clock.now();
  return { expiresAt: state.expiresAt, nextResendAt: state.nextResendAt > now ? state.nextResendAt : null, lockedUntil: state.lockedUntil };
}

/** Verifies the posted code; on success runs `verified` and redirects, otherwise returns the errors to show. */
async function submitCode(c: Context<AppEnv>, spec: CodeStepSpec, purpose: CodePurpose): Promise<Response | { status: Status; errors: FieldError[] }> {
  const t = c.get('t');
  const flow = currentFlow(c);
  const code = readCode(c.get('form'));
  if (code.trim() === '') return { status: 400, errors: [{ field: 'code', message: t('verify.codeErrorRequired') }] };
  const deps = c.get('deps');
  const result = await verifyCode(deps, { flowId: flow.id, purpose, subject: spec.subject(flow), code, address: c.get('address') });
  if (!('ok' in result)) {
    // a second submit of the same right code: the first one used it and moved the flow on
    const now = result.error === 'none' ? await findFlowById(deps.db, flow.id) : undefined;
    if (now && now.step !== spec.step) return c.redirect(stepUrl(spec.base, spec.step), 303);
    return codeError(t, result);
  }
  const next = await spec.verified(c, flow);
  return c.redirect(next ?? stepUrl(spec.base, spec.step), 303);
}

/** A send refused by the limits of SPEC M6a, as a page-level error. */
function sendError(t: T, v: { clockTime(ms: number): string }, result: { error: 'tooSoon' | 'hourlyCap'; nextResendAt: number } | { error: 'locked'; lockedUntil: number }): FieldError[] {
  if (result.error === 'locked') return [{ field: '', message: t('verify.codeErrorLocked') }];
  const time = v.clockTime(result.nextResendAt);
  return [{ field: '', message: result.error === 'tooSoon' ? t('verify.codeErrorTooSoon', { time }) : t('verify.codeErrorHourlyCap', { time }) }];
}

/** GET and POST `{base}/{step}` and POST `{base}/{step}/resend` for an emailed code. */
export function mountEmailCodeStep(app: Hono<AppEnv>, spec: EmailCodeSpec): void {
  const url = stepUrl(spec.base, spec.step);
  const guard = stepGuard(spec);

  async function show(c: Context<AppEnv>, status: Status, errors: FieldError[] = []) {
    const flow = currentFlow(c);
    const times = await timesOf(c.get('deps'), flow, 'email', spec.subject(flow), spec.destination(flow));
    const resent = c.req.query('resent') === '1';
    return c.html(
      <EmailCodePage v={viewOf(c)} text={{ ...spec.text(c.get('t'), flow), deadline: flow.expiresAt }} action={url} resendAction={`${url}/resend`} cancelAction={spec.cancelAction} times={times} errors={errors} resent={resent} />,
      status,
    );
  }

  app.get(`/${spec.step}`, ...guard, (c) => show(c, 200));
  app.post(`/${spec.step}`, ...guard, async (c) => {
    const outcome = await submitCode(c, spec, 'email');
    return outcome instanceof Response ? outcome : show(c, outcome.status, outcome.errors);
  });
  app.post(`/${spec.step}/resend`, ...guard, async (c) => {
    const flow = currentFlow(c);
    const result = await sendEmailCode(c.get('deps'), flow, spec, c.get('lang'), c.get('address'));
    if ('ok' in result) return c.redirect(`${url}?resent=1`, 303);
    return show(c, 429, sendError(c.get('t'), viewOf(c), result));
  });
}

/** Sends (or, for a silent flow, records) the email code of the step. */
export function sendEmailCode(deps: Deps, flow: FlowRow, spec: EmailCodeSpec, lang: Lang, address: string) {
  return sendCode(deps, {
    flowId: flow.id,
    purpose: 'email',
    channel: 'email',
    destination: spec.destination(flow),
    subject: spec.subject(flow),
    lang,
    address,
    silent: spec.silent?.(flow) ?? false,
  });
}

/** The flow's facts about which phone was used: `data.phone`. */
type PhoneUse = { index: number; channel: 'sms' | 'voice' };

function phoneUseOf(flow: FlowRow): PhoneUse | undefined {
  const p = flow.data.phone as PhoneUse | undefined;
  return p && typeof p.index === 'number' && (p.channel === 'sms' || p.channel === 'voice') ? p : undefined;
}

async function phonesOf(deps: Deps, holderId: number): Promise<(PhoneChoice & { number: string })[]> {
  const facts = await loadHolderFacts(deps.db, holderId);
  return (facts?.phones ?? []).map((number, index) => ({ index, number, masked: maskPhone(number), kind: phoneKind(number) }));
}

/** Sends a phone code and records which phone and channel in the flow (still at `step`). */
async function sendPhoneCode(deps: Deps, flow: FlowRow, spec: PhoneSpec, phone: { index: number; number: string }, channel: CodeChannel, lang: Lang, address: string) {
  const result = await sendCode(deps, { flowId: flow.id, purpose: 'phone', channel, destination: phone.number, subject: spec.subject(flow), lang, address });
  if ('ok' in result) updateFlowData(deps.db, flow.id, spec.step, { ...flow.data, phone: { index: phone.index, channel } });
  return result;
}

/**
 * SPEC M6 ⑦-1: on arrival from the previous step an SMS goes to the first registered mobile.
 * Call right after advancing the flow into the phone step; `flow` is the row as advanced.
 */
export async function sendFirstPhoneCode(deps: Deps, flow: FlowRow, spec: PhoneSpec, lang: Lang, address: string): Promise<void> {
  const mobile = (await phonesOf(deps, spec.holderId(flow))).find((p) => p.kind === 'mobile');
  if (mobile) await sendPhoneCode(deps, flow, spec, mobile, 'sms', lang, address);
}

const SendForm = v.object({
  phone: v.pipe(v.optional(v.string(), ''), v.regex(/^\d{1,2}$/)),
  channel: v.picklist(['sms', 'voice']),
});

/** GET and POST `{base}/{step}` (verify) and POST `{base}/{step}/send` (send by SMS or voice to a chosen number). */
export function mountPhoneStep(app: Hono<AppEnv>, spec: PhoneSpec): void {
  const url = stepUrl(spec.base, spec.step);
  const guard = stepGuard(spec);

  async function show(c: Context<AppEnv>, status: Status, errors: FieldError[] = []) {
    const deps = c.get('deps');
    const flow = currentFlow(c);
    const phones = await phonesOf(deps, spec.holderId(flow));
    const use = phoneUseOf(flow);
    const used = use && phones[use.index];
    // before any code went out (e.g. the SMS on arrival was refused as too soon), the times are those of the number offered first
    const offered = used ?? phones.find((p) => p.kind === 'mobile') ?? phones[0];
    const times = await timesOf(deps, flow, 'phone', spec.subject(flow), offered?.number);
    return c.html(
      <PhonePage
        v={viewOf(c)}
        text={{ ...spec.text(c.get('t'), flow), deadline: flow.expiresAt }}
        action={url}
        sendAction={`${url}/send`}
        cancelAction={spec.cancelAction}
        phones={phones.map(({ index, masked, kind }) => ({ index, masked, kind }))}
        sent={used && use ? { masked: used.masked, channel: use.channel, index: use.index } : undefined}
        times={times}
        errors={errors}
      />,
      status,
    );
  }

  app.get(`/${spec.step}`, ...guard, (c) => show(c, 200));
  app.post(`/${spec.step}`, ...guard, async (c) => {
    if (!phoneUseOf(currentFlow(c))) return c.redirect(url, 303);
    const outcome = await submitCode(c, spec, 'phone');
    return outcome instanceof Response ? outcome : show(c, outcome.status, outcome.errors);
  });
  app.post(`/${spec.step}/send`, ...guard, async (c) => {
    const deps = c.get('deps');
    const t = c.get('t');
    const flow = currentFlow(c);
    const phones = await phonesOf(deps, spec.holderId(flow));
    const parsed = v.safeParse(SendForm, c.get('form'));
    const phone = parsed.success ? phones[Number(parsed.output.phone)] : undefined;
    // SMS only to a mobile (SPEC §1); voice to any registered number
    if (!parsed.success || !phone || (parsed.output.channel === 'sms' && phone.kind !== 'mobile')) {
      const group = phones.some((p) => p.kind === 'mobile') ? 'mobile' : 'landline';
      return show(c, 400, [{ field: group, message: t('verify.phoneErrorChoose') }]);
    }
    const result = await sendPhoneCode(deps, flow, spec, phone, parsed.output.channel, c.get('lang'), c.get('address'));
    if ('ok' in result) return c.redirect(url, 303);
    return show(c, 429, sendError(t, viewOf(c), result));
  });
}

// What the code-entry steps (SPEC M4 email, M6 phone, M6a limits) share: the spec every flow fills in, the guard, checking a posted code, the refusals as messages.
import type { Context } from 'hono';
import * as v from 'valibot';
import type { CodeTimes, StepText } from '../../../views/components/StepParts.js';
import type { FieldError } from '../../../views/view.js';
import { codeState, verifyCode, type CodePurpose, type CodeSubject, type VerifyCodeResult } from '../../auth/codes.js';
import type { Deps } from '../../deps.js';
import type { Flow } from '../data.js';
import type { AnyFlow } from '../flow.js';
import type { T } from '../../i18n/index.js';
import type { OutboxMessage } from '../../db/contract.js';
import { closureNoticeMessage } from '../../notify/closure-texts.js';
import type { CodeProcedure } from '../../notify/texts.js';
import type { AppEnv } from '../../web/env.js';
import { currentFlow } from '../guard.js';
import { minuteUp } from '../../i18n/japan-time.js';

export type Status = 200 | 400 | 422 | 429;

export type CodeStepSpec = {
  flow: AnyFlow;
  step: string;
  /** Whose wrong entries are counted (SPEC M6a). */
  subject: (flow: Flow) => CodeSubject;
  /** The page's title, heading and intro. */
  text: (t: T, flow: Flow) => StepText;
  /** The code was right: the table's event (or a function that moves the flow and answers where to, undefined when it did not move). */
  verified: string | ((c: Context<AppEnv>, flow: Flow) => Promise<string | undefined>);
};

/** Runs a `verified` or `changeAddress` of a spec: the table's event moves the flow, guarded; a function does its own. */
export function runMove(c: Context<AppEnv>, spec: CodeStepSpec, flow: Flow, how: string | ((c: Context<AppEnv>, flow: Flow) => Promise<string | undefined>)): Promise<string | undefined> {
  return typeof how === 'string' ? spec.flow.move(c, flow, spec.step, how) : how(c, flow);
}

/** The procedure a flow kind's code messages name (issue 19: an unrequested reset code must be recognisable). */
export function procedureOf(kind: string): CodeProcedure | undefined {
  return kind === 'migration' || kind === 'reset' || kind === 'registration' || kind === 'my-id-change' ? kind : undefined;
}

/** The support desk of SPEC §2, for notices and lock pages. */
export const supportOf = (config: { SUPPORT_PHONE: string; SUPPORT_HOURS: string }) => ({ phone: config.SUPPORT_PHONE, hours: config.SUPPORT_HOURS });

/** Whose wrong codes are counted (SPEC M6a) in the flows that start from a card: its holder, across flows. */
export const holderSubject = (holderId: number | null) => `holder:${holderId ?? 0}` as const;


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
    case 'closed':
      return { status: 429, errors: [{ field: 'code', message: t('verify.codeErrorClosed') }] };
  }
}

/** SPEC S11: the wrong code that closed a verification emails the holder, by a notice stored with the closure (D1, D3). */
function closureNotice(deps: Deps, kind: string, purpose: CodePurpose): (to: string) => OutboxMessage[] {
  const procedure = procedureOf(kind);
  const { config } = deps;
  const at = deps.clock.now();
  return (to) => (procedure ? [closureNoticeMessage({ to, procedure, purpose, at, brand: config.BRAND_NAME, supportPhone: config.SUPPORT_PHONE, supportHours: config.SUPPORT_HOURS })] : []);
}

function readCode(form: Record<string, string>): string {
  const parsed = v.safeParse(v.object({ code: v.pipe(v.optional(v.string(), ''), v.maxLength(64)) }), form);
  return parsed.success ? parsed.output.code : '';
}

/** What a code page shows, and whether the verification is closed (SPEC S1). */
export async function timesOf(deps: Deps, flow: Flow, purpose: CodePurpose, subject: CodeSubject, destination: string | undefined, address: string): Promise<CodeTimes & { closed: boolean }> {
  const state = await codeState(deps, { flowId: flow.id, kind: flow.kind, purpose, subject, destination, address });
  const now = deps.clock.now();
  // SPEC D4: R's pages never show a particular message's state (an unknown address has none), only the email channel's health
  const delivery = flow.kind === 'reset' ? { delivery: null, deliveryFailing: await deps.stores.outbox.emailFailing() } : { delivery: state.delivery };
  // issue 19 item 12: an expired code has no "valid until" to show
  const expiresAt = state.expiresAt !== null && state.expiresAt > now ? state.expiresAt : null;
  return { expiresAt, nextResendAt: state.nextResendAt > now ? state.nextResendAt : null, lockedUntil: state.lockedUntil, closed: state.closed, ...delivery };
}

/**
 * Verifies the posted code; on success runs `verified` and redirects, otherwise returns the errors to show.
 * With a destination, only a code sent to it counts (SPEC M6a: bound to one destination).
 */
export async function submitCode(c: Context<AppEnv>, spec: CodeStepSpec, purpose: CodePurpose, destination?: string): Promise<Response | { status: Status; errors: FieldError[] }> {
  const t = c.get('t');
  const flow = currentFlow(c);
  const code = readCode(c.get('form'));
  if (code.trim() === '') return { status: 400, errors: [{ field: 'code', message: t('verify.codeErrorRequired') }] };
  const deps = c.get('deps');
  const kind = spec.flow.kind;
  const here = spec.flow.url(spec.step);
  const closure = closureNotice(deps, kind, purpose);
  const result = await verifyCode(deps, { flowId: flow.id, kind, purpose, subject: spec.subject(flow), code, destination, address: c.get('address'), closureNotice: closure });
  if (!('ok' in result)) {
    // a second submit of the same right code: the first one used it and moved the flow on
    const now = result.error === 'none' ? await deps.stores.flows.findById(flow.id) : undefined;
    if (now && now.step !== spec.step) return c.redirect(here, 303);
    return codeError(t, result);
  }
  return c.redirect((await runMove(c, spec, flow, spec.verified)) ?? here, 303);
}

/** A send refused by the limits of SPEC M6a, as a page-level error. */
export function sendError(
  t: T,
  v: { clockTime(ms: number): string },
  result: { error: 'tooSoon' | 'hourlyCap'; nextResendAt: number } | { error: 'locked'; lockedUntil: number } | { error: 'closed' },
): FieldError[] {
  if (result.error === 'locked') return [{ field: '', message: t('verify.codeErrorLocked') }];
  if (result.error === 'closed') return [{ field: '', message: t('verify.codeErrorClosed') }];
  const time = v.clockTime(minuteUp(result.nextResendAt));
  return [{ field: '', message: result.error === 'tooSoon' ? t('verify.codeErrorTooSoon', { time }) : t('verify.codeErrorHourlyCap', { time }) }];
}

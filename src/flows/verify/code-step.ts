// What the code-entry steps (SPEC M4 email, M6 phone, M6a limits) share: the spec every flow fills in, the guard, checking a posted code, the refusals as messages.
import type { Context, MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import type { CodeTimes, StepText } from '../../../views/pages/verify/CodeStepParts.js';
import type { FieldError } from '../../../views/view.js';
import { codeState, verifyCode, type CodePurpose, type CodeSubject, type VerifyCodeResult } from '../../auth/codes.js';
import type { Deps } from '../../deps.js';
import type { FlowRow } from '../../db/contract.js';
import type { T } from '../../i18n/index.js';
import { closureNoticeMessage } from '../../notify/closure-texts.js';
import type { CodeProcedure } from '../../notify/texts.js';
import type { AppEnv } from '../../web/env.js';
import { atStep, currentFlow, loadFlow, stepUrl } from '../guard.js';

export type Status = 200 | 400 | 422 | 429;

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

/**
 * A step's `verified` or `changeAddress`: moves the flow from `from` to `to` only if it is still at `from`, and answers
 * the new step's URL, or undefined when another request moved it first.
 */
export function moveTo(base: string, from: string, to: string) {
  return async (c: Context<AppEnv>, flow: FlowRow): Promise<string | undefined> => ((await c.get('deps').stores.flows.advance(flow.id, from, to)) ? stepUrl(base, to) : undefined);
}

/** The procedure a flow kind's code messages name (issue 19: an unrequested reset code must be recognisable). */
export function procedureOf(kind: string): CodeProcedure | undefined {
  return kind === 'migration' || kind === 'reset' || kind === 'registration' || kind === 'my-id-change' ? kind : undefined;
}

/** The support desk of SPEC §2, for notices and lock pages. */
export const supportOf = (config: { SUPPORT_PHONE: string; SUPPORT_HOURS: string }) => ({ phone: config.SUPPORT_PHONE, hours: config.SUPPORT_HOURS });

/** Whose wrong codes are counted (SPEC M6a) in the flows that start from a card: its holder, across flows. */
export const holderSubject = (holderId: number | null) => `holder:${holderId ?? 0}` as const;

const pass: MiddlewareHandler<AppEnv> = (_c, next) => next();

/** The shared flow guard (loaded, live, at this step), plus the spec's own check. */
export function stepGuard(spec: CodeStepSpec) {
  return [loadFlow(spec.kind), spec.flowGuard ?? pass, atStep(spec.base, spec.step)] as const;
}

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

/** SPEC S11: the wrong code that closed a verification emails the holder; not awaited, so the answer's timing tells nothing. */
function sendClosureNotice(deps: Deps, kind: string, purpose: CodePurpose, to: string): void {
  const procedure = procedureOf(kind);
  if (!procedure) return;
  const { config } = deps;
  const message = closureNoticeMessage({ to, procedure, purpose, at: deps.clock.now(), brand: config.BRAND_NAME, supportPhone: config.SUPPORT_PHONE, supportHours: config.SUPPORT_HOURS });
  void deps.notifier.send(message).catch((err: unknown) => console.error(`[closure notice] ${err instanceof Error ? err.message : String(err)}`));
}

function readCode(form: Record<string, string>): string {
  const parsed = v.safeParse(v.object({ code: v.pipe(v.optional(v.string(), ''), v.maxLength(64)) }), form);
  return parsed.success ? parsed.output.code : '';
}

/** What a code page shows, and whether the verification is closed (SPEC S1). */
export async function timesOf(deps: Deps, flow: FlowRow, purpose: CodePurpose, subject: CodeSubject, destination: string | undefined, address: string): Promise<CodeTimes & { closed: boolean }> {
  const state = await codeState(deps, { flowId: flow.id, kind: flow.kind, purpose, subject, destination, address });
  const now = deps.clock.now();
  return { expiresAt: state.expiresAt, nextResendAt: state.nextResendAt > now ? state.nextResendAt : null, lockedUntil: state.lockedUntil, closed: state.closed };
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
  const result = await verifyCode(deps, { flowId: flow.id, kind: spec.kind, purpose, subject: spec.subject(flow), code, destination, address: c.get('address') });
  if (!('ok' in result)) {
    if (result.error === 'closed' && result.closedNow && result.noticeTo) sendClosureNotice(deps, spec.kind, purpose, result.noticeTo);
    // a second submit of the same right code: the first one used it and moved the flow on
    const now = result.error === 'none' ? await deps.stores.flows.findById(flow.id) : undefined;
    if (now && now.step !== spec.step) return c.redirect(stepUrl(spec.base, spec.step), 303);
    return codeError(t, result);
  }
  const next = await spec.verified(c, flow);
  return c.redirect(next ?? stepUrl(spec.base, spec.step), 303);
}

/** A send refused by the limits of SPEC M6a, as a page-level error. */
export function sendError(
  t: T,
  v: { clockTime(ms: number): string },
  result: { error: 'tooSoon' | 'hourlyCap'; nextResendAt: number } | { error: 'locked'; lockedUntil: number } | { error: 'closed' },
): FieldError[] {
  if (result.error === 'locked') return [{ field: '', message: t('verify.codeErrorLocked') }];
  if (result.error === 'closed') return [{ field: '', message: t('verify.codeErrorClosed') }];
  const time = v.clockTime(result.nextResendAt);
  return [{ field: '', message: result.error === 'tooSoon' ? t('verify.codeErrorTooSoon', { time }) : t('verify.codeErrorHourlyCap', { time }) }];
}

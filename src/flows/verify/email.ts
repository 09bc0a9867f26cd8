// SPEC M3 as a field error: `メールアドレスの入力に誤りがあります。` plus the rule that failed.
// Any flow that takes a new My ID uses it: `const checked = checkEmailAddress(raw); if ('problem' in checked) … [emailProblemError(t, checked.problem)]`.
import type { FieldError } from '../../../views/view.js';
import { checkEmailAddress, type EmailProblem } from '../../auth/email.js';
import type { Context } from 'hono';
import type { T } from '../../i18n/index.js';
import { identifierHash } from '../../auth/lockout.js';
import { maskEmail } from '../../auth/normalise.js';
import type { AppEnv } from '../../web/env.js';
import type { CodeSubject, FlowRow } from '../../db/contract.js';
import { paths } from '../../paths.js';
import { dropFlowCookie } from '../guard.js';

export { checkEmailAddress, type EmailProblem };

const RULE = {
  tooLong: 'registration.emailRuleTooLong',
  nonAscii: 'registration.emailRuleNonAscii',
  atCount: 'registration.emailRuleAtCount',
  atEdge: 'registration.emailRuleAtEdge',
  symbol: 'registration.emailRuleSymbol',
  noDot: 'registration.emailRuleNoDot',
  domain: 'verify.emailRuleDomain',
} as const;

export function emailProblemError(t: T, problem: EmailProblem, field = 'email'): FieldError {
  if (problem === 'required') return { field, message: t('registration.emailErrorRequired') };
  return { field, message: `${t('registration.emailErrorFormat')}${t(RULE[problem])}` };
}

/**
 * SPEC S10/S2: every "already a My ID" answer (M2 はい on a taken card email, M3, G2, T2, and the M9 race) is audited as
 * `email_taken`, naming the masked address and where it was answered; the hashed address is the subject.
 */
export async function auditEmailTaken(c: Context<AppEnv>, email: string, where: { flow: string; step: string; flowId?: number }): Promise<void> {
  const deps = c.get('deps');
  await deps.stores.audit.record({
    at: deps.clock.now(),
    event: 'email_taken',
    accountId: c.get('session')?.accountId ?? null,
    subject: identifierHash(deps.config.SECRET, email),
    address: c.get('address'),
    detail: { ...where, to: maskEmail(email) },
  });
}

/**
 * SPEC S2: counts a syntactically valid address submitted in M3, G2 or T2 — before it is looked up, so a taken and a free one
 * count alike. Undefined: go on and answer it. Otherwise the budget was spent and the flow has ended: where to go
 * (M and G: sign-in; T2: the settings), with the message saying which budget.
 */
export async function countAddress(c: Context<AppEnv>, flow: FlowRow, subject: CodeSubject): Promise<string | undefined> {
  const deps = c.get('deps');
  const { config } = deps;
  const counted = await deps.stores.addressBudget.countSubmission({
    flowId: flow.id,
    subject,
    now: deps.clock.now(),
    maxPerFlow: config.EMAIL_TAKEN_MAX_PER_FLOW,
    maxPerDay: config.EMAIL_TAKEN_MAX_PER_DAY,
    accountId: flow.accountId ?? c.get('session')?.accountId ?? null,
    address: c.get('address'),
  });
  if ('ok' in counted) return undefined;
  dropFlowCookie(c);
  const which = counted.ended === 'day' ? 'addresses-day' : 'addresses';
  return flow.kind === 'my-id-change' ? `${paths.settings}?done=${which}` : `${paths.signIn}?flow=${which}`;
}

// SPEC M3 as a field error: `メールアドレスの入力に誤りがあります。` plus the rule that failed.
// Any flow that takes a new My ID uses it: `const checked = checkEmailAddress(raw); if ('problem' in checked) … [emailProblemError(t, checked.problem)]`.
import type { FieldError } from '../../../views/view.js';
import { checkEmailAddress, type EmailProblem } from '../../auth/email.js';
import type { Context } from 'hono';
import type { T } from '../../i18n/index.js';
import { identifierHash } from '../../auth/lockout.js';
import { maskEmail } from '../../auth/normalise.js';
import type { AppEnv } from '../../web/env.js';

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

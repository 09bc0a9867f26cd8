// SPEC M3 as a field error: `メールアドレスの入力に誤りがあります。` plus the rule that failed.
// Any flow that takes a new My ID uses it: `const checked = checkEmailAddress(raw); if ('problem' in checked) … [emailProblemError(t, checked.problem)]`.
import type { FieldError } from '../../../views/view.js';
import { checkEmailAddress, type EmailProblem } from '../../auth/email.js';
import type { T } from '../../i18n/index.js';

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

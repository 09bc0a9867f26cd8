// SPEC M3 for a new My ID typed in new-My-ID (G2) and My ID change (T2): which rule an address breaks, and its messages.
import type { FieldError } from '../../../views/view.js';
import { normaliseIdentifier } from '../../auth/normalise.js';
import type { T } from '../../i18n/index.js';

export type EmailProblem = 'required' | 'tooLong' | 'nonAscii' | 'atCount' | 'atEdge' | 'symbol' | 'noDot';

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN = /^[A-Za-z0-9.-]+$/;

/** The address after N1 (NFKC, invisible characters and surrounding space removed, lower case), or the first M3 rule it breaks. */
export function checkEmailAddress(typed: string): { email: string } | { problem: EmailProblem } {
  const email = normaliseIdentifier(typed);
  if (email === '') return { problem: 'required' };
  if (email.length > 254) return { problem: 'tooLong' };
  if (!/^[!-~]+$/.test(email)) return { problem: 'nonAscii' };
  const parts = email.split('@');
  if (parts.length !== 2) return { problem: 'atCount' };
  const [local, domain] = parts;
  if (local === '' || domain === '') return { problem: 'atEdge' };
  if (!LOCAL.test(local) || !DOMAIN.test(domain)) return { problem: 'symbol' };
  if (!domain.includes('.') || domain.startsWith('.') || domain.endsWith('.')) return { problem: 'noDot' };
  return { email };
}

const RULE = {
  tooLong: 'registration.emailRuleTooLong',
  nonAscii: 'registration.emailRuleNonAscii',
  atCount: 'registration.emailRuleAtCount',
  atEdge: 'registration.emailRuleAtEdge',
  symbol: 'registration.emailRuleSymbol',
  noDot: 'registration.emailRuleNoDot',
} as const;

/** SPEC M3: `メールアドレスの入力に誤りがあります。` plus which rule failed. */
export function emailProblemError(t: T, problem: EmailProblem, field = 'email'): FieldError {
  if (problem === 'required') return { field, message: t('registration.emailErrorRequired') };
  return { field, message: `${t('registration.emailErrorFormat')}${t(RULE[problem])}` };
}

// SPEC M3: is a typed address usable as a My ID, and if not, which rule it breaks (shared by migration, new My ID, My ID change).
import * as v from 'valibot';
import { normaliseIdentifier } from './normalise.js';

export type EmailProblem = 'required' | 'tooLong' | 'nonAscii' | 'atCount' | 'atEdge' | 'symbol' | 'noDot' | 'domain';

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN = /^[A-Za-z0-9.-]+$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
// GOTCHAS: rfcEmail is the browser's type=email rule; it keeps old carrier addresses such as taro..yamada@docomo.ne.jp
const RfcEmail = v.pipe(v.string(), v.rfcEmail());

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
  // a domain no mail can reach: an empty label (a@b..jp), a label starting or ending with "-", a label over 63 characters
  if (!domain.split('.').every((label) => LABEL.test(label))) return { problem: 'domain' };
  if (!v.safeParse(RfcEmail, email).success) return { problem: 'domain' };
  return { email };
}

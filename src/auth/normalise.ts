// SPEC N1/N2: what a person types or pastes becomes one canonical form before it is used.

// Zero-width and invisible format characters a paste can carry (ZWSP, ZWNJ, ZWJ, word joiner, BOM, LRM/RLM, bidi marks).
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;
// Dashes and long-vowel marks NFKC leaves alone (GOTCHAS): removed from codes, phones and card numbers.
const DASHES = /[-\u2010-\u2015\u2212\u30FC\uFF70\u301C\uFF5E\u2E3A\u2E3B]/g;
const SPACE = /[\s\u3000]/g;
// Control characters (NUL and the like) a hostile form can carry: no ID, email, code, phone or card number has one, and
// PostgreSQL text cannot hold NUL, so they go before any lookup (SPEC X4: bad input is answered, never a 500).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** NFKC, invisible characters removed, surrounding whitespace (incl. U+3000, CR/LF) trimmed. */
export function normaliseText(input: string): string {
  return input.normalize('NFKC').replace(INVISIBLE, '').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

/** An ID or email used for sign-in or lookup: normalised text in lower case. */
export function normaliseIdentifier(input: string): string {
  return normaliseText(input).replace(CONTROL, '').toLowerCase();
}

/** Codes, phone numbers and card numbers: normalised, then every space and hyphen removed. */
export function normaliseDigits(input: string): string {
  return normaliseText(input).replace(CONTROL, '').replace(SPACE, '').replace(DASHES, '');
}

/** SPEC N2: a password as typed at sign-in (surrounding whitespace ignored). */
export function normalisePassword(input: string): string {
  return normaliseText(input);
}

/** SPEC §1: 060/070/080/090 numbers are mobiles (SMS + voice); anything else is a landline (voice only). */
export function phoneKind(digits: string): 'mobile' | 'landline' {
  return /^0[6789]0/.test(digits) ? 'mobile' : 'landline';
}

/**
 * Only the last four digits shown, in the number's own shape: a mobile `***-****-5678`, a Tokyo or Osaka
 * landline `**-****-5678`, a free-dial number `****-**-5678`, another landline `***-***-5678` (issue 19).
 */
export function maskPhone(digits: string): string {
  const last4 = digits.slice(-4);
  if (/^0[6789]0/.test(digits) && digits.length === 11) return `***-****-${last4}`;
  if (/^0120/.test(digits) && digits.length === 10) return `****-**-${last4}`;
  if (/^0[36]/.test(digits) && digits.length === 10) return `**-****-${last4}`;
  if (digits.length === 10) return `***-***-${last4}`;
  return `${'*'.repeat(Math.max(digits.length - 4, 1))}-${last4}`;
}

/** What a masked email keeps, so it can be said in words: `t`, `e`, `.jp`. */
export function emailMaskParts(email: string): { first: string; host: string; tld: string } {
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  return { first: email.slice(0, 1), host: domain.slice(0, 1), tld: dot > 0 ? domain.slice(dot) : '' };
}

/** `t*****@e******.jp`: the first letter of the local part and of the domain, and the top-level domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '*'.repeat(Math.max(email.length, 1));
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  const hide = (s: string) => s.slice(0, 1) + '*'.repeat(Math.max(s.length - 1, 1));
  return `${hide(local)}@${hide(host)}${tld}`;
}

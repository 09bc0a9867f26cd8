// SPEC M7: the rules a new password must meet, shared by migration, reset, registration and settings.
import { isOnCommonList } from './common-passwords.js';
import { normaliseDigits } from './normalise.js';

/** One failed rule. 'confirmRequired' and 'mismatch' belong to the confirmation field, the rest to the password field. */
export type PasswordProblem =
  | 'required'
  | 'length'
  | 'charset'
  | 'classes'
  | 'birthdate'
  | 'phone'
  | 'card'
  | 'name'
  | 'emailLocal'
  | 'common'
  | 'confirmRequired'
  | 'mismatch';

/** What the holder is known by; the password may contain none of it. */
export type NewPasswordInput = {
  password: string;
  confirm: string;
  /** YYYY-MM-DD */
  birthdate: string;
  /** Registered phone numbers, digits. */
  phones: string[];
  /** Last four digits of each of the holder's cards. */
  cardLast4: string[];
  /** The name as embossed on the card, e.g. `TARO YAMADA`. */
  nameRoman: string;
  /** The My ID being set (or kept). */
  email: string;
};

// Display order: the password field's problems first, then the confirmation field's.
const ORDER: readonly PasswordProblem[] = [
  'required',
  'length',
  'charset',
  'classes',
  'birthdate',
  'phone',
  'card',
  'name',
  'emailLocal',
  'common',
  'confirmRequired',
  'mismatch',
];

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 20;

/** SPEC N2: a new password is read after NFKC (full-width → half-width) and nothing else, so a pasted space or invisible character is reported, not silently dropped. */
export function normaliseNewPassword(input: string): string {
  return input.normalize('NFKC');
}

/** Which form field a problem is shown against. */
export function passwordProblemField(problem: PasswordProblem): 'password' | 'confirm' {
  return problem === 'confirmRequired' || problem === 'mismatch' ? 'confirm' : 'password';
}

/** The catalogue key of a problem's message (src/i18n/messages/password.ts). */
export function passwordProblemMessage(problem: PasswordProblem) {
  return PROBLEM_MESSAGES[problem];
}

const PROBLEM_MESSAGES = {
  required: 'password.errorRequired',
  length: 'password.errorLength',
  charset: 'password.errorCharset',
  classes: 'password.errorClasses',
  birthdate: 'password.errorBirthdate',
  phone: 'password.errorPhone',
  card: 'password.errorCard',
  name: 'password.errorName',
  emailLocal: 'password.errorEmailLocal',
  common: 'password.errorCommon',
  confirmRequired: 'password.errorConfirmRequired',
  mismatch: 'password.errorMismatch',
} as const satisfies Record<PasswordProblem, `password.${string}`>;

/** Every rule of SPEC M7 the entries fail, in display order; an empty list means the password may be set. */
export function checkNewPassword(input: NewPasswordInput): PasswordProblem[] {
  const password = normaliseNewPassword(input.password);
  const confirm = normaliseNewPassword(input.confirm);
  const found = new Set<PasswordProblem>();

  if (password === '') {
    found.add('required');
  } else {
    for (const problem of passwordRuleProblems(password, input)) found.add(problem);
  }
  if (confirm === '') found.add('confirmRequired');
  else if (password !== '' && confirm !== password) found.add('mismatch');

  return ORDER.filter((p) => found.has(p));
}

function passwordRuleProblems(password: string, input: NewPasswordInput): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const lower = password.toLowerCase();
  // SPEC M7: 8–20 characters (counted as code points, after NFKC)
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) problems.push('length');
  // SPEC N2: printable half-width ASCII only, `!` to `~`, no space
  if (!/^[!-~]*$/.test(password)) problems.push('charset');
  // SPEC M7: at least one letter, one digit and one symbol
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password) || !/[!-/:-@[-`{-~]/.test(password)) problems.push('classes');
  if (birthdateForms(input.birthdate).some((form) => password.includes(form))) problems.push('birthdate');
  if (input.phones.flatMap(phoneGroups).some((group) => password.includes(group))) problems.push('phone');
  if (cardGroups(input.cardLast4).some((group) => password.includes(group))) problems.push('card');
  if (nameWindows(input.nameRoman).some((part) => lower.includes(part))) problems.push('name');
  const local = emailLocalPart(input.email);
  if (local.length >= 3 && lower.includes(local)) problems.push('emailLocal');
  if (isCommonPassword(lower)) problems.push('common');
  return problems;
}

/** SPEC M7: the birth date as YYYYMMDD, YYMMDD and MMDD. */
function birthdateForms(birthdate: string): string[] {
  const m = /^(\d{2})(\d{2})-(\d{2})-(\d{2})$/.exec(birthdate.trim());
  if (!m) return [];
  const [, century, yy, mm, dd] = m;
  return [`${century}${yy}${mm}${dd}`, `${yy}${mm}${dd}`, `${mm}${dd}`];
}

/** SPEC M7: a phone's 4-digit groups — the last four digits and the four before them (090-1234-5678 → 5678, 1234). */
function phoneGroups(phone: string): string[] {
  const digits = normaliseDigits(phone).replace(/\D/g, '');
  return [digits.slice(-4), digits.slice(-8, -4)].filter((g) => g.length === 4);
}

/**
 * SPEC M7 asks for every 4-digit group of a card number, but only the last four digits are
 * retained: the full number is stored solely as a keyed hash (SPEC §1), on purpose, so that a
 * database copy does not leak card numbers. The other groups therefore cannot be checked.
 */
function cardGroups(last4: string[]): string[] {
  return last4.map((l) => normaliseDigits(l).replace(/\D/g, '').slice(-4)).filter((g) => g.length === 4);
}

/** SPEC M7: every 3-letter window of each word of the embossed name, lower case (`TARO` → tar, aro). */
function nameWindows(nameRoman: string): string[] {
  const words = nameRoman.normalize('NFKC').toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 3);
  return words.flatMap((w) => Array.from({ length: w.length - 2 }, (_, i) => w.slice(i, i + 3)));
}

function emailLocalPart(email: string): string {
  const normalised = email.normalize('NFKC').trim().toLowerCase();
  const at = normalised.lastIndexOf('@');
  return at > 0 ? normalised.slice(0, at) : '';
}

/**
 * SPEC M7: the common-password list shipped by zxcvbn-ts (about 49,000 entries, lower case),
 * read once from its generated file (./common-passwords.ts). A password is refused when it is
 * on the list, or when what is left after stripping the digits and symbols at either end is on
 * the list and at least 4 characters long: `Password1!` and `!Dragon2025` are the list's words
 * with the decoration people add to satisfy the class rule, and add no strength against a
 * guessing attack.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (isOnCommonList(lower)) return true;
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  return core.length >= 4 && core !== lower && isOnCommonList(core);
}

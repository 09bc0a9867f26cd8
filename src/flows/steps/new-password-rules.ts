// SPEC M7 in a form: the two new-password fields read, checked against the holder's facts, and turned into field errors.
import * as v from 'valibot';
import type { FieldError } from '../../../views/view.js';
import { hashPassword } from '../../auth/password.js';
import { checkNewPassword, normaliseNewPassword, passwordProblemField, passwordProblemMessage, type PasswordProblem } from '../../auth/policy.js';
import type { HolderFacts } from '../../db/contract.js';
import type { T } from '../../i18n/index.js';

export const NewPasswordForm = v.object({
  password: v.pipe(v.optional(v.string(), ''), v.maxLength(1024)),
  confirm: v.pipe(v.optional(v.string(), ''), v.maxLength(1024)),
});

/** The two fields from a posted form; an absent or oversized field reads as empty (and is then reported as missing). */
export function readNewPassword(form: Record<string, string>): { password: string; confirm: string } {
  const parsed = v.safeParse(NewPasswordForm, form);
  return parsed.success ? parsed.output : { password: '', confirm: '' };
}

/** Every M7 rule the entries fail for this holder and My ID. */
export function newPasswordProblems(entries: { password: string; confirm: string }, facts: HolderFacts, email: string): PasswordProblem[] {
  return checkNewPassword({ ...entries, birthdate: facts.birthdate, phones: facts.phones, cardLast4: facts.cardLast4, nameRoman: facts.nameRoman, email });
}

/** One error per problem, against the field it belongs to (`password` or `confirm`). */
export function newPasswordErrors(t: T, problems: PasswordProblem[]): FieldError[] {
  return problems.map((p) => ({ field: passwordProblemField(p), message: t(passwordProblemMessage(p)) }));
}

/** The Argon2id hash of an accepted new password (hashed before any transaction; GOTCHAS). */
export function hashNewPassword(password: string): Promise<string> {
  return hashPassword(normaliseNewPassword(password));
}

// SPEC M7: the rules listed above the two new-password fields; shared by password change, reset and new My ID.
import { errorsFor } from './ErrorSummary.js';
import { TextField } from './TextField.js';
import type { FieldError, View } from '../view.js';

/** The M7 rules in the order the page and the help page list them. */
export const PASSWORD_RULES = [
  'password.ruleLength',
  'password.ruleCharset',
  'password.ruleClasses',
  'password.ruleBirthdate',
  'password.rulePhone',
  'password.ruleCard',
  'password.ruleName',
  'password.ruleEmailLocal',
  'password.ruleCommon',
  'password.ruleConfirm',
] as const;

/** Field ids `password` and `confirm`; values are never echoed back (SPEC X6). */
export function NewPasswordFields({ v, errors }: { v: View; errors: FieldError[] }) {
  return (
    <>
      <section class="panel" aria-labelledby="password-rules-heading">
        <h2 id="password-rules-heading">{v.t('password.rulesHeading')}</h2>
        <p id="password-rules">{v.t('password.rulesIntro')}</p>
        <ul class="hint-list" id="password-rules-list">
          {PASSWORD_RULES.map((key) => (
            <li>{v.t(key)}</li>
          ))}
        </ul>
      </section>
      <TextField v={v} id="password" type="password" label={v.t('password.newLabel')} error={errorsFor(errors, 'password')} describedBy="password-rules-list" autocomplete="new-password" />
      <TextField v={v} id="confirm" type="password" label={v.t('password.confirmLabel')} hint={v.t('password.confirmHint')} error={errorsFor(errors, 'confirm')} autocomplete="new-password" />
    </>
  );
}

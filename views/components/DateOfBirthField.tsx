// Date of birth as three labelled fields (年・月・日) in one fieldset, as GOV.UK asks for it (issue 19): a type=date field's
// order follows the browser's locale, not the hint. Errors point at the first wrong field (SPEC X6).
import type { FieldError, View } from '../view.js';
import { errorFor } from './ErrorSummary.js';

export type DateParts = { year?: string; month?: string; day?: string };
export const DATE_FIELDS = ['birthdate-year', 'birthdate-month', 'birthdate-day'] as const;

export function DateOfBirthField({ v, value = {}, errors }: { v: View; value?: DateParts; errors: FieldError[] }) {
  const error = DATE_FIELDS.map((f) => errorFor(errors, f)).find(Boolean);
  const wrong = new Set(DATE_FIELDS.filter((f) => errorFor(errors, f)));
  // a whole-date problem (not a real date) marks every part
  const all = wrong.size > 0 && errors.some((e) => e.field === DATE_FIELDS[0] && e.message === v.t('registration.errorBirthdateInvalid'));
  const parts = [
    { id: DATE_FIELDS[0], label: v.t('registration.birthYear'), value: value.year, autocomplete: 'bday-year', size: 'input-4', max: 4 },
    { id: DATE_FIELDS[1], label: v.t('registration.birthMonth'), value: value.month, autocomplete: 'bday-month', size: 'input-2', max: 2 },
    { id: DATE_FIELDS[2], label: v.t('registration.birthDay'), value: value.day, autocomplete: 'bday-day', size: 'input-2', max: 2 },
  ];
  const describedBy = ['birthdate-hint', error ? 'birthdate-error' : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <fieldset aria-describedby={describedBy}>
        <legend class="label">
          {v.t('registration.birthdateLabel')}
          <span class="tag-required">{v.t('common.required')}</span>
        </legend>
        <p class="hint" id="birthdate-hint">
          {v.t('registration.birthdateHint')}
        </p>
        {error && (
          <p class="error-message" id="birthdate-error">
            <span class="visually-hidden">{v.t('common.errorPrefix')}</span>
            {error}
          </p>
        )}
        <div class="date-input">
          {parts.map((p) => (
            <div class="field">
              <label class="label" for={p.id}>
                {p.label}
              </label>
              <input
                class={`input ${p.size}`}
                id={p.id}
                name={p.id}
                type="text"
                inputmode="numeric"
                autocomplete={p.autocomplete}
                spellcheck={false}
                maxlength={p.max + 2}
                value={p.value}
                aria-invalid={all || wrong.has(p.id) ? 'true' : undefined}
                aria-describedby={all || wrong.has(p.id) ? 'birthdate-error' : undefined}
              />
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

// One labelled input with its hint, example and error, tied together for screen readers (SPEC X6).
import type { View } from '../view.js';

type Props = {
  v: View;
  id: string;
  name?: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'tel';
  value?: string;
  hint?: string;
  example?: string;
  /** One message, or every broken rule of the field (issue 19: the inline error lists them all, like the summary). */
  error?: string | string[];
  /** Ids of text elsewhere on the page that describes the field, e.g. the password rules. */
  describedBy?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'email' | 'text' | 'tel';
  required?: boolean;
  spellcheck?: boolean;
  width?: 'short' | 'medium' | 'long';
};

export function TextField(p: Props) {
  const hintId = p.hint ? `${p.id}-hint` : undefined;
  const exampleId = p.example ? `${p.id}-example` : undefined;
  const errors = p.error === undefined ? [] : Array.isArray(p.error) ? p.error : [p.error];
  const errorId = errors.length > 0 ? `${p.id}-error` : undefined;
  const describedBy = [p.describedBy, hintId, exampleId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${errors.length > 0 ? ' field-error' : ''}`}>
      <label class="label" for={p.id}>
        {p.label}
        {p.required !== false && <span class="tag-required">{p.v.t('common.required')}</span>}
      </label>
      {p.hint && (
        <p class="hint" id={hintId}>
          {p.hint}
        </p>
      )}
      {p.example && (
        <p class="hint" id={exampleId}>
          {p.v.t('common.example', { value: p.example })}
        </p>
      )}
      {errors.length > 0 && (
        <p class="error-message" id={errorId}>
          {errors.map((message) => (
            <span class="error-line">
              <span class="visually-hidden">{p.v.t('common.errorPrefix')}</span>
              {message}
            </span>
          ))}
        </p>
      )}
      <input
        class={`input input-${p.width ?? 'long'}`}
        id={p.id}
        name={p.name ?? p.id}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? undefined : p.value}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        spellcheck={p.spellcheck}
        autocapitalize={p.type === 'email' || p.type === 'password' ? 'none' : undefined}
        aria-invalid={errors.length > 0 ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

/** SPEC M4/X6: one input per code, numeric keyboard, one-time-code autocomplete, example 1234. */
export function CodeField(p: { v: View; id?: string; label: string; hint?: string; error?: string; value?: string; describedBy?: string }) {
  return (
    <TextField
      v={p.v}
      id={p.id ?? 'code'}
      label={p.label}
      hint={p.hint}
      example="1234"
      error={p.error}
      describedBy={p.describedBy}
      value={p.value}
      inputmode="numeric"
      autocomplete="one-time-code"
      spellcheck={false}
      width="short"
    />
  );
}

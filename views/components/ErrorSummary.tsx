// The error summary at the top of a page: a focusable alert linking to each field in error (SPEC X6).
import type { FieldError, View } from '../view.js';

export function ErrorSummary({ v, errors }: { v: View; errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title" class="error-summary-title">
        {v.t('common.errorSummaryTitle')}
      </h2>
      <ul class="error-summary-list">
        {errors.map((e) => (
          <li>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** The message of one field, or undefined. */
export function errorFor(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

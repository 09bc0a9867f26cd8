// The error summary at the top of a page: a focusable alert linking to each field in error (SPEC X6).
import type { FieldError, View } from '../view.js';

/** `title` replaces 「入力内容を確認してください」 when what went wrong is not an input mistake (a lock, a wait). */
export function ErrorSummary({ v, errors, title }: { v: View; errors: FieldError[]; title?: string }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title" class="error-summary-title">
        {title ?? v.t('common.errorSummaryTitle')}
      </h2>
      <ul class="error-summary-list">
        {errors.map((e) => (
          <li>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** Every message of one field, or undefined when it has none. */
export function errorsFor(errors: FieldError[], field: string): string[] | undefined {
  const found = errors.filter((e) => e.field === field).map((e) => e.message);
  return found.length > 0 ? found : undefined;
}

/** The message of one field, or undefined. */
export function errorFor(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

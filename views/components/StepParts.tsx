// Pieces the step pages share (SPEC §3, M4, M6, M6a): the step header, the code's validity and resend times, the code form, cancel.
import type { Child } from 'hono/jsx';
import { Callout } from './Callout.js';
import { ErrorSummary, errorFor } from './ErrorSummary.js';
import { StepHeading } from './StepIndicator.js';
import { Button, Form } from './Form.js';
import { CodeField } from './TextField.js';
import type { FieldError, StepNumber, View } from '../view.js';
import { minuteUp } from '../../src/i18n/japan-time.js';
import { paths } from '../../src/paths.js';

/** The validity note's id, which the code field names in aria-describedby (issue 19 item 12). */
const VALIDITY_ID = 'code-validity';

/** A code that is still valid and whose message did not fail (SPEC D4) has a validity to show. */
const showsValidity = (times: CodeTimes) => times.expiresAt !== null && times.delivery !== 'failed';

/**
 * What a code page knows about the active code: all times are epoch ms; null when not applicable. SPEC D4: `delivery` is its
 * message's state (none: nothing to say, as on R's pages, where `deliveryFailing` says whether the email channel is failing).
 */
export type CodeTimes = { expiresAt: number | null; nextResendAt: number | null; lockedUntil: number | null; delivery?: 'sending' | 'sent' | 'failed' | null; deliveryFailing?: boolean };

/** The page-level facts a step shows above its forms. */
export type StepText = { title: string; heading: string; intro: string[]; step?: StepNumber; deadline?: number; cancelNote?: string };

/** The top of a step page: the error summary (then `notice`, e.g. "code sent"), the heading with ステップ n/N, the intro. */
export function StepHeader({ v, text, errors, notice }: { v: View; text: StepText; errors: FieldError[]; notice?: Child }) {
  return (
    <>
      <ErrorSummary v={v} errors={errors} />
      {notice}
      <StepHeading v={v} step={text.step}>
        {text.heading}
      </StepHeading>
      {text.intro.map((p) => (
        <p>{p}</p>
      ))}
    </>
  );
}

/** SPEC D4: being sent or sent as a line; a failure as a warning that asks for a resend (the page's resend button). */
function DeliveryNote({ v, times }: { v: View; times: CodeTimes }) {
  if (times.delivery === 'failed' || times.deliveryFailing) {
    return (
      <Callout kind="warning" role="alert">
        <p>{v.t('verify.deliveryFailed')}</p>
      </Callout>
    );
  }
  if (times.delivery === 'sending') return <p class="meta" role="status">{v.t('verify.deliverySending')}</p>;
  if (times.delivery === 'sent') return <p class="meta">{v.t('verify.deliverySent')}</p>;
  return null;
}

export function CodeTimesNote({ v, times }: { v: View; times: CodeTimes }) {
  return (
    <>
      <DeliveryNote v={v} times={times} />
      {showsValidity(times) && (
        <p class="meta" id={VALIDITY_ID}>
          {v.t('verify.codeValidUntil', { time: v.clockTime(times.expiresAt!) })}
        </p>
      )}
      {times.nextResendAt !== null && <p class="meta">{v.t('verify.codeNextResend', { time: v.clockTime(minuteUp(times.nextResendAt)) })}</p>}
    </>
  );
}

/**
 * SPEC M4: one input for the code, numeric keyboard, one-time-code autocomplete, button 認証する; the field names the
 * validity note shown with `times` (CodeTimesNote), and the guide's 「※認証コードが届かない場合はこちら」 follows.
 */
export function CodeForm({ v, action, errors, times }: { v: View; action: string; errors: FieldError[]; times?: CodeTimes }) {
  return (
    <>
      <Form v={v} action={action}>
        <CodeField v={v} label={v.t('verify.codeLabel')} error={errorFor(errors, 'code')} describedBy={times && showsValidity(times) ? VALIDITY_ID : undefined} />
        <Button>{v.t('verify.codeSubmit')}</Button>
      </Form>
      <p class="hint">
        <a href={`${paths.help}#no-code`}>{v.t('verify.noCodeLink')}</a>
      </p>
    </>
  );
}

/** Cancel, with where it leads: sign-in by default, or the note a flow passes (settings go back to settings). */
export function CancelForm({ v, action, note }: { v: View; action: string; note?: string }) {
  return (
    <Form v={v} action={action} class="form form-cancel">
      <p class="hint">{note ?? v.t('verify.cancelNote')}</p>
      <Button secondary>{v.t('verify.cancel')}</Button>
    </Form>
  );
}

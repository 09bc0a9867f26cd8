// A flow step where the member types the email address that becomes the My ID (SPEC M3, G2): ログインへ戻る / 登録.
import type { Child } from 'hono/jsx';
import { ErrorSummary, errorFor } from '../../components/ErrorSummary.js';
import { Button, ButtonRow, Form } from '../../components/Form.js';
import { StepHeading } from '../../components/StepIndicator.js';
import { TextField } from '../../components/TextField.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, StepNumber, View } from '../../view.js';

export type EmailStepText = { title: string; heading: string; intro: string; label: string; hint: string; example: string; submit: string; back: string; cancelNote?: string };

type Props = {
  v: View;
  text: EmailStepText;
  email?: string;
  errors?: FieldError[];
  /** Shown above the form, e.g. why the card's own address could not be used. */
  notice?: Child;
  action: string;
  cancelAction: string;
  step?: StepNumber;
  /** When the flow expires, shown so no time limit goes unsaid (SPEC X6). */
  deadline?: number;
};

export function EmailStepPage({ v, text, email, errors = [], notice, action, cancelAction, step, deadline }: Props) {
  return (
    <Page v={v} title={text.title} hasErrors={errors.length > 0} step={step} deadline={deadline}>
      <ErrorSummary v={v} errors={errors} />
      {notice}
      <StepHeading v={v} step={step}>
        {text.heading}
      </StepHeading>
      <p>{text.intro}</p>
      <Form v={v} action={action}>
        <TextField
          v={v}
          id="email"
          type="email"
          label={text.label}
          hint={text.hint}
          example={text.example}
          value={email}
          error={errorFor(errors, 'email')}
          autocomplete="email"
          inputmode="email"
          spellcheck={false}
        />
        <Button>{text.submit}</Button>
      </Form>
      {text.cancelNote && <p class="hint">{text.cancelNote}</p>}
      <ButtonRow>
        <Form v={v} action={cancelAction} class="inline-form">
          <Button secondary>{text.back}</Button>
        </Form>
      </ButtonRow>
    </Page>
  );
}

// G2 (M3): the email address that becomes the new My ID; buttons ログインへ戻る / 登録.
import { ErrorSummary, errorFor } from '../../components/ErrorSummary.js';
import { Button, ButtonRow, Form } from '../../components/Form.js';
import { StepIndicator } from '../../components/StepIndicator.js';
import { TextField } from '../../components/TextField.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, View } from '../../view.js';
import { FlowDeadline } from '../reset/CodeStepParts.js';

type Props = { v: View; deadline: number; email?: string; errors?: FieldError[]; action: string; cancelAction: string; step: { current: number; total: number } };

export function RegisterEmailPage({ v, deadline, email, errors = [], action, cancelAction, step }: Props) {
  return (
    <Page v={v} title={v.t('registration.emailTitle')} hasErrors={errors.length > 0}>
      <ErrorSummary v={v} errors={errors} />
      <StepIndicator v={v} current={step.current} total={step.total} />
      <h1>{v.t('registration.emailHeading')}</h1>
      <p>{v.t('registration.emailIntro')}</p>
      <FlowDeadline v={v} deadline={deadline} />
      <Form v={v} action={action}>
        <TextField
          v={v}
          id="email"
          type="email"
          label={v.t('registration.emailLabel')}
          hint={v.t('registration.emailHint')}
          example={v.t('registration.emailExample')}
          value={email}
          error={errorFor(errors, 'email')}
          autocomplete="email"
          inputmode="email"
          spellcheck={false}
        />
        <Button>{v.t('registration.emailSubmit')}</Button>
      </Form>
      <ButtonRow>
        <Form v={v} action={cancelAction} class="inline-form">
          <Button secondary>{v.t('registration.emailBack')}</Button>
        </Form>
      </ButtonRow>
    </Page>
  );
}

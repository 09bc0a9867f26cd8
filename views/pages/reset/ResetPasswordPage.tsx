// R2 (M7): the new password for the My ID being reset; buttons キャンセル / 登録.
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Button, Form } from '../../components/Form.js';
import { StepIndicator } from '../../components/StepIndicator.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, View } from '../../view.js';
import { NewPasswordFields } from '../settings/NewPasswordFields.js';
import { CancelForm } from './CodeStepParts.js';

type Props = { v: View; email: string; errors?: FieldError[]; step: { current: number; total: number }; action: string; cancelAction: string };

export function ResetPasswordPage({ v, email, errors = [], step, action, cancelAction }: Props) {
  return (
    <Page v={v} title={v.t('reset.passwordTitle')} hasErrors={errors.length > 0}>
      <ErrorSummary v={v} errors={errors} />
      <StepIndicator v={v} current={step.current} total={step.total} />
      <h1>{v.t('reset.passwordHeading')}</h1>
      <p>{v.t('reset.passwordIntro', { email })}</p>
      <Form v={v} action={action}>
        <NewPasswordFields v={v} errors={errors} />
        <Button>{v.t('reset.passwordSubmit')}</Button>
      </Form>
      <CancelForm v={v} action={cancelAction} />
    </Page>
  );
}

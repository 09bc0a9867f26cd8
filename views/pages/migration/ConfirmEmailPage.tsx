// ⑥ M5: register this email as the My ID (the card's email changes too)? いいえ ends the flow / はい goes on to the phone.
import { Button, ButtonRow, Form } from '../../components/Form.js';
import { StepIndicator } from '../../components/StepIndicator.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';
import { FlowDeadline } from '../verify/CodeStepParts.js';

/** `deadline`: when the flow expires (SPEC X6). */
type Props = { v: View; email: string; action: string; cancelAction: string; step: { current: number; total: number }; deadline?: number };

export function ConfirmEmailPage({ v, email, action, cancelAction, step, deadline }: Props) {
  return (
    <Page v={v} title={v.t('migration.confirmTitle')}>
      <StepIndicator v={v} current={step.current} total={step.total} />
      <h1>{v.t('migration.confirmHeading')}</h1>
      <p class="question">
        <strong>{v.t('migration.confirmQuestion', { email })}</strong>
      </p>
      <p>{v.t('migration.confirmNote')}</p>
      <FlowDeadline v={v} deadline={deadline} />
      <p class="hint">{v.t('migration.cancelNote')}</p>
      <ButtonRow>
        <Form v={v} action={cancelAction} class="inline-form">
          <Button secondary>{v.t('migration.no')}</Button>
        </Form>
        <Form v={v} action={action} class="inline-form">
          <Button>{v.t('migration.yes')}</Button>
        </Form>
      </ButtonRow>
    </Page>
  );
}

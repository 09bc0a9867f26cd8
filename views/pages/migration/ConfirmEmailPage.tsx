// ⑥ M5: register this email as the My ID (the card's email changes too)? いいえ ends the flow / はい goes on to the phone.
import { Button, ButtonRow, Form } from '../../components/Form.js';
import { StepHeading } from '../../components/StepIndicator.js';
import { Page } from '../../layouts/Page.js';
import type { StepNumber, View } from '../../view.js';

/** `deadline`: when the flow expires (SPEC X6). */
type Props = { v: View; email: string; action: string; changeAction: string; cancelAction: string; step?: StepNumber; deadline?: number };

export function ConfirmEmailPage({ v, email, action, changeAction, cancelAction, step, deadline }: Props) {
  return (
    <Page v={v} title={v.t('migration.confirmTitle')} step={step} deadline={deadline}>
      <StepHeading v={v} step={step}>
        {v.t('migration.confirmHeading')}
      </StepHeading>
      <p class="question">
        <strong>{v.t('migration.confirmQuestion', { email })}</strong>
      </p>
      <p>{v.t('migration.confirmNote')}</p>
      <p class="hint">{v.t('migration.confirmCancelNote')}</p>
      <ButtonRow>
        <Form v={v} action={cancelAction} class="inline-form">
          <Button secondary>{v.t('migration.no')}</Button>
        </Form>
        <Form v={v} action={action} class="inline-form">
          <Button>{v.t('migration.yes')}</Button>
        </Form>
      </ButtonRow>
      {/* SPEC M5: a typo costs one step, not the whole procedure */}
      <Form v={v} action={changeAction}>
        <p class="hint">{v.t('migration.confirmChangeNote')}</p>
        <Button secondary>{v.t('migration.confirmChange')}</Button>
      </Form>
    </Page>
  );
}

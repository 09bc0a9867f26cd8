// G2 (M1): the member terms in the new-My-ID flow; buttons 同意して進む / キャンセル.
import { Button, ButtonRow, Form } from '../../components/Form.js';
import { StepIndicator } from '../../components/StepIndicator.js';
import { TermsText } from '../../components/TermsText.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';
import { FlowDeadline } from '../reset/CodeStepParts.js';

type Props = { v: View; deadline: number; version: string; action: string; cancelAction: string; step: { current: number; total: number } };

export function RegisterTermsPage({ v, deadline, version, action, cancelAction, step }: Props) {
  return (
    <Page v={v} title={v.t('registration.termsTitle')}>
      <StepIndicator v={v} current={step.current} total={step.total} />
      <h1>{v.t('registration.termsHeading')}</h1>
      <p>{v.t('registration.termsIntro')}</p>
      <FlowDeadline v={v} deadline={deadline} />
      <TermsText v={v} version={version} />
      <p class="hint">{v.t('registration.termsCancelNote')}</p>
      <ButtonRow>
        <Form v={v} action={cancelAction} class="inline-form">
          <Button secondary>{v.t('registration.cancel')}</Button>
        </Form>
        <Form v={v} action={action} class="inline-form">
          <Button>{v.t('registration.termsAccept')}</Button>
        </Form>
      </ButtonRow>
    </Page>
  );
}

// A flow step asking to accept the member terms (SPEC M1, G2): the terms in a scrollable region, cancel and accept.
import { Button, ButtonRow, Form } from '../../components/Form.js';
import { StepHeading } from '../../components/StepIndicator.js';
import { TermsText } from '../../components/TermsText.js';
import { Page } from '../../layouts/Page.js';
import type { StepNumber, View } from '../../view.js';

export type TermsStepText = { title: string; heading: string; intro: string; cancelNote: string; accept: string; cancel: string };

/** `deadline`: when the flow expires, shown so no time limit goes unsaid (SPEC X6). */
type Props = { v: View; text: TermsStepText; version: string; action: string; cancelAction: string; step?: StepNumber; deadline?: number };

export function TermsStepPage({ v, text, version, action, cancelAction, step, deadline }: Props) {
  return (
    <Page v={v} title={text.title} step={step} deadline={deadline}>
      <StepHeading v={v} step={step}>
        {text.heading}
      </StepHeading>
      <p>{text.intro}</p>
      <TermsText v={v} version={version} />
      <p class="hint">{text.cancelNote}</p>
      <ButtonRow>
        <Form v={v} action={cancelAction} class="inline-form">
          <Button secondary>{text.cancel}</Button>
        </Form>
        <Form v={v} action={action} class="inline-form">
          <Button>{text.accept}</Button>
        </Form>
      </ButtonRow>
    </Page>
  );
}

// G1: My ID作成はこちら — card number and birth date identify the holder; one generic error for wrong details.
import { Callout } from '../../components/Callout.js';
import { ErrorSummary, errorFor } from '../../components/ErrorSummary.js';
import { Button, Form } from '../../components/Form.js';
import { StepHeading } from '../../components/StepIndicator.js';
import { TextField } from '../../components/TextField.js';
import { DateOfBirthField, type DateParts } from '../../components/DateOfBirthField.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, StepNumber, View } from '../../view.js';
import { LinkList, ways } from '../../components/LinkList.js';
import { SupportDesk, type Support } from '../../components/SupportDesk.js';
import { paths } from '../../../src/paths.js';

export type RegisterRefusal = 'details' | 'locked';

/** `support`: the desk a card-number lock (S4) points to (SPEC §2). */
type Props = { v: View; card?: string; birthdate?: DateParts; errors?: FieldError[]; refusal?: RegisterRefusal; step?: StepNumber; support?: Support };

export function RegisterStartPage({ v, card, birthdate, errors = [], refusal, step, support }: Props) {
  return (
    <Page v={v} title={v.t('registration.startTitle')} hasErrors={errors.length > 0} step={step}>
      <ErrorSummary v={v} errors={errors} />
      {refusal && (
        <Callout kind="warning">
          <p>{refusal === 'locked' ? v.t('registration.errorLockedHelp') : v.t('registration.errorDetailsHelp')}</p>
        </Callout>
      )}
      <StepHeading v={v} step={step}>
        {v.t('registration.startHeading')}
      </StepHeading>
      <p>{v.t('registration.startIntro')}</p>
      <p class="hint">{v.t('registration.startNote')}</p>
      <Form v={v} action={paths.register}>
        <TextField
          v={v}
          id="card"
          label={v.t('registration.cardLabel')}
          hint={v.t('registration.cardHint')}
          example={v.t('registration.cardExample')}
          value={card}
          error={errorFor(errors, 'card')}
          autocomplete="cc-number"
          inputmode="numeric"
          spellcheck={false}
          width="medium"
        />
        <DateOfBirthField v={v} value={birthdate} errors={errors} />
        <Button>{v.t('registration.next')}</Button>
      </Form>
      <LinkList v={v} links={[ways.reset, ways.signIn]} />
      {/* SPEC §2, S4: a locked card number names the support desk (alike for known and unknown numbers) */}
      {refusal === 'locked' && support && <SupportDesk v={v} support={support} />}
    </Page>
  );
}

// ③ M2: keep the card's registered email (masked) as the My ID? いいえ / はい.
import { Button, ButtonRow, Form } from '../../components/Form.js';
import { Masked, SLOT, around } from '../../components/Masked.js';
import { StepHeading } from '../../components/StepIndicator.js';
import { Page } from '../../layouts/Page.js';
import type { StepNumber, View } from '../../view.js';

/** `deadline`: when the flow expires (SPEC X6). */
type Props = { v: View; maskedEmail: string; emailParts: { first: string; host: string; tld: string }; action: string; step?: StepNumber; deadline?: number };

export function EmailChoicePage({ v, maskedEmail, emailParts, action, step, deadline }: Props) {
  const [before, after] = around(v.t('migration.choiceQuestion', { email: SLOT }));
  return (
    <Page v={v} title={v.t('migration.choiceTitle')} step={step} deadline={deadline}>
      <StepHeading v={v} step={step}>
        {v.t('migration.choiceHeading')}
      </StepHeading>
      <p>{v.t('migration.choiceLinkNote')}</p>
      <p>{v.t('migration.choiceMyIdNote')}</p>
      <p class="question">
        <strong>
          {before}
          <Masked shown={maskedEmail} spoken={v.t('common.maskedEmailSpoken', emailParts)} />
          {after}
        </strong>
      </p>
      <p>{v.t('migration.choiceNoNote')}</p>
      <Form v={v} action={action}>
        <ButtonRow>
          <Button name="choice" value="no" secondary>
            {v.t('migration.no')}
          </Button>
          <Button name="choice" value="yes">
            {v.t('migration.yes')}
          </Button>
        </ButtonRow>
      </Form>
    </Page>
  );
}

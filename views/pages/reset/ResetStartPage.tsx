// R1: パスワードを忘れた方はこちら — the My ID (email) to send a code to; the answer never says whether it exists.
import { ErrorSummary, errorFor } from '../../components/ErrorSummary.js';
import { Button, Form } from '../../components/Form.js';
import { StepHeading } from '../../components/StepIndicator.js';
import { TextField } from '../../components/TextField.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, StepNumber, View } from '../../view.js';
import { LinkList, ways } from '../../components/LinkList.js';
import { paths } from '../../../src/paths.js';

export function ResetStartPage({ v, email, errors = [], step }: { v: View; email?: string; errors?: FieldError[]; step?: StepNumber }) {
  return (
    <Page v={v} title={v.t('reset.startTitle')} hasErrors={errors.length > 0} step={step}>
      <ErrorSummary v={v} errors={errors} />
      <StepHeading v={v} step={step}>
        {v.t('reset.startHeading')}
      </StepHeading>
      <p>{v.t('reset.startIntro')}</p>
      <Form v={v} action={paths.reset}>
        <TextField
          v={v}
          id="email"
          type="email"
          label={v.t('reset.emailLabel')}
          example={v.t('reset.emailExample')}
          value={email}
          error={errorFor(errors, 'email')}
          autocomplete="email"
          inputmode="email"
          spellcheck={false}
        />
        <Button>{v.t('reset.submit')}</Button>
      </Form>
      <p class="hint">{v.t('reset.startLegacyNote')}</p>
      <LinkList v={v} links={[ways.register, ways.signIn]} />
    </Page>
  );
}

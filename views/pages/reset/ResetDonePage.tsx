// R2/R3: the reset is done; no automatic sign-in, a link to sign in with the ID filled in.
import { Callout } from '../../components/Callout.js';
import { StepHeading } from '../../components/StepIndicator.js';
import { Page } from '../../layouts/Page.js';
import type { StepNumber, View } from '../../view.js';
import { paths } from '../../../src/paths.js';

export function ResetDonePage({ v, email, step }: { v: View; email: string; step?: StepNumber }) {
  return (
    <Page v={v} title={v.t('reset.doneTitle')} step={step}>
      <StepHeading v={v} step={step}>
        {v.t('reset.doneHeading')}
      </StepHeading>
      <Callout kind="success" role="status">
        <p>{v.t('reset.doneBody')}</p>
      </Callout>
      <p>
        <a class="button" href={paths.signIn}>
          {v.t('reset.doneSignIn')}
        </a>
      </p>
    </Page>
  );
}

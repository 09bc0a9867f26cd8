// R2/R3: the reset is done; no automatic sign-in, a link to sign in with the ID filled in.
import { Callout } from '../../components/Callout.js';
import { StepIndicator } from '../../components/StepIndicator.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';

export function ResetDonePage({ v, email, step }: { v: View; email: string; step: { current: number; total: number } }) {
  return (
    <Page v={v} title={v.t('reset.doneTitle')}>
      <StepIndicator v={v} current={step.current} total={step.total} />
      <h1>{v.t('reset.doneHeading')}</h1>
      <Callout kind="success" role="status">
        <p>{v.t('reset.doneBody')}</p>
      </Callout>
      <p>
        <a class="button" href="/login">
          {v.t('reset.doneSignIn')}
        </a>
      </p>
    </Page>
  );
}

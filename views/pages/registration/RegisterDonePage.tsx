// G2 (M8 ⑨): the new My ID is ready; no automatic sign-in, a link to sign in with the ID filled in.
import { Callout } from '../../components/Callout.js';
import { StepIndicator } from '../../components/StepIndicator.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';

export function RegisterDonePage({ v, email, step }: { v: View; email: string; step: { current: number; total: number } }) {
  return (
    <Page v={v} title={v.t('registration.doneTitle')}>
      <StepIndicator v={v} current={step.current} total={step.total} />
      <h1>{v.t('registration.doneHeading')}</h1>
      <Callout kind="success" role="status">
        <p>{v.t('registration.doneBody', { email })}</p>
      </Callout>
      <p>{v.t('registration.doneCan')}</p>
      <p>
        <a class="button" href="/login">
          {v.t('registration.doneSignIn')}
        </a>
      </p>
    </Page>
  );
}

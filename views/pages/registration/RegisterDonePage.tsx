// G2 (M8 ⑨): the new My ID is ready; no automatic sign-in, a link to sign in with the ID filled in.
import { Callout } from '../../components/Callout.js';
import { CommitSummary } from '../../components/CommitSummary.js';
import type { CommitFacts } from '../../../src/flows/data.js';
import { StepHeading } from '../../components/StepIndicator.js';
import { Page } from '../../layouts/Page.js';
import type { StepNumber, View } from '../../view.js';
import { paths } from '../../../src/paths.js';

export function RegisterDonePage({ v, email, committed, step }: { v: View; email: string; committed?: CommitFacts; step?: StepNumber }) {
  return (
    <Page v={v} title={v.t('registration.doneTitle')} step={step}>
      <StepHeading v={v} step={step}>
        {v.t('registration.doneHeading')}
      </StepHeading>
      <Callout kind="success" role="status">
        <p>{v.t('registration.doneBody', { email })}</p>
      </Callout>
      <p>{v.t('registration.doneCan')}</p>
      {committed && <CommitSummary v={v} facts={committed} done />}
      <p>
        <a class="button" href={paths.signIn}>
          {v.t('registration.doneSignIn')}
        </a>
      </p>
    </Page>
  );
}

// ⑨ M8: registration complete, what the member can do now, and sign-in with the new My ID filled in.
import { Callout } from '../../components/Callout.js';
import { CommitSummary } from '../../components/CommitSummary.js';
import type { CommitFacts } from '../../../src/flows/data.js';
import { StepHeading } from '../../components/StepIndicator.js';
import { Page } from '../../layouts/Page.js';
import type { StepNumber, View } from '../../view.js';
import { paths } from '../../../src/paths.js';

export function MigrationDonePage({ v, email, committed, step }: { v: View; email: string; committed?: CommitFacts; step?: StepNumber }) {
  return (
    <Page v={v} title={v.t('migration.doneTitle')} step={step}>
      <StepHeading v={v} step={step}>
        {v.t('migration.doneHeading')}
      </StepHeading>
      <Callout kind="success" role="status">
        <p>{v.t('migration.doneBody')}</p>
      </Callout>
      <p>
        <a class="button" href={paths.signIn}>
          {v.t('migration.doneSignIn')}
        </a>
      </p>
      <p>{v.t('migration.doneMyId', { email })}</p>
      {committed && <CommitSummary v={v} facts={committed} done />}
      <h2>{v.t('migration.doneCanHeading')}</h2>
      <ul>
        <li>{v.t('migration.doneCan1')}</li>
        <li>{v.t('migration.doneCan2')}</li>
        <li>{v.t('migration.doneCan3')}</li>
      </ul>
    </Page>
  );
}

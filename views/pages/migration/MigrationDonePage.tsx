// ⑨ M8: registration complete, what the member can do now, and sign-in with the new My ID filled in.
import { Callout } from '../../components/Callout.js';
import { StepIndicator } from '../../components/StepIndicator.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';

export function MigrationDonePage({ v, email, step }: { v: View; email: string; step: { current: number; total: number } }) {
  return (
    <Page v={v} title={v.t('migration.doneTitle')}>
      <StepIndicator v={v} current={step.current} total={step.total} />
      <h1>{v.t('migration.doneHeading')}</h1>
      <Callout kind="success" role="status">
        <p>{v.t('migration.doneBody')}</p>
      </Callout>
      <p>
        <a class="button" href="/login">
          {v.t('migration.doneSignIn')}
        </a>
      </p>
      <p>{v.t('migration.doneMyId', { email })}</p>
      <h2>{v.t('migration.doneCanHeading')}</h2>
      <ul>
        <li>{v.t('migration.doneCan1')}</li>
        <li>{v.t('migration.doneCan2')}</li>
        <li>{v.t('migration.doneCan3')}</li>
      </ul>
    </Page>
  );
}

// T4: the member terms shown again after sign-in when the member accepted an older version.
import { Button, ButtonRow, Form } from '../../components/Form.js';
import { TermsText } from '../../components/TermsText.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';

export function TermsPage({ v, version, action }: { v: View; version: string; action: string }) {
  return (
    <Page v={v} title={v.t('terms.title')}>
      <h1>{v.t('terms.pageHeading')}</h1>
      <p>{v.t('terms.intro')}</p>
      <TermsText v={v} version={version} />
      <p class="hint">{v.t('terms.declineNote')}</p>
      <Form v={v} action={action}>
        <ButtonRow>
          <Button name="decision" value="decline" secondary>
            {v.t('terms.decline')}
          </Button>
          <Button name="decision" value="accept">
            {v.t('terms.accept')}
          </Button>
        </ButtonRow>
      </Form>
    </Page>
  );
}

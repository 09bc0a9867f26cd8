// T2 + L5: too many wrong current passwords disabled the ID; the member is signed out and pointed to password reset.
import { Callout } from '../../components/Callout.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';
import { LinkList, ways } from '../../components/LinkList.js';

export function SettingsLockedPage({ v }: { v: View }) {
  return (
    <Page v={v} title={v.t('settings.lockedTitle')} hasErrors>
      <h1>{v.t('settings.lockedTitle')}</h1>
      <Callout kind="warning" role="alert">
        <p>{v.t('settings.errorCurrentLocked')}</p>
      </Callout>
      <LinkList v={v} links={[ways.reset, ways.signIn]} />
    </Page>
  );
}

// T2 + L5: too many wrong current passwords disabled the ID; the member is signed out and pointed to password reset.
import { Callout } from '../../components/Callout.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';
import { LinkList, ways } from '../../components/LinkList.js';
import { SupportDesk, type Support } from '../../components/SupportDesk.js';

/** `support`: the desk the lock points to (SPEC §2). */
export function SettingsLockedPage({ v, support }: { v: View; support: Support }) {
  return (
    <Page v={v} title={v.t('settings.lockedTitle')} hasErrors>
      <h1>{v.t('settings.lockedTitle')}</h1>
      <Callout kind="warning" role="alert">
        <p>{v.t('settings.errorCurrentLocked')}</p>
      </Callout>
      <LinkList v={v} links={[ways.reset, ways.signIn]} />
      <SupportDesk v={v} support={support} />
    </Page>
  );
}

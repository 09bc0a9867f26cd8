// T2 + L5: too many wrong current passwords disabled the ID; the member is signed out and pointed to password reset.
import { Callout } from '../../components/Callout.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';

export function SettingsLockedPage({ v }: { v: View }) {
  return (
    <Page v={v} title={v.t('settings.lockedTitle')} hasErrors>
      <h1>{v.t('settings.lockedTitle')}</h1>
      <Callout kind="warning" role="alert">
        <p>{v.t('settings.errorCurrentLocked')}</p>
      </Callout>
      <ul class="link-list">
        <li>
          <a href="/reset">{v.t('signin.forgotPassword')}</a>
        </li>
        <li>
          <a href="/login">{v.t('common.backToSignIn')}</a>
        </li>
      </ul>
    </Page>
  );
}

// T2: 各種変更・申請手続き — the settings menu under the top page.
import { Callout } from '../../components/Callout.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';
import { LinkList } from '../../components/LinkList.js';

export type SettingsDone = { kind: 'password' } | { kind: 'myId'; email: string } | { kind: 'cancelled' };

export function SettingsPage({ v, email, done }: { v: View; email: string; done?: SettingsDone }) {
  return (
    <Page v={v} title={v.t('settings.title')}>
      {done && (
        <Callout kind={done.kind === 'cancelled' ? 'info' : 'success'} role="status">
          <p>
            {done.kind === 'password' ? v.t('settings.passwordDone') : done.kind === 'myId' ? v.t('settings.myIdDone', { email: done.email }) : v.t('settings.cancelled')}
          </p>
        </Callout>
      )}
      <h1>{v.t('settings.heading')}</h1>
      <p>{v.t('settings.intro')}</p>
      <p class="meta">{v.t('settings.currentMyId', { email })}</p>
      <LinkList
        v={v}
        links={[
          { href: '/settings/password', text: 'settings.passwordLink', hint: 'settings.passwordLinkHint' },
          { href: '/settings/my-id', text: 'settings.myIdLink', hint: 'settings.myIdLinkHint' },
        ]}
      />
    </Page>
  );
}

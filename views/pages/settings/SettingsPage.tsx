// T2: 各種変更・申請手続き — the settings menu under the top page.
import { Callout } from '../../components/Callout.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';
import { LinkList } from '../../components/LinkList.js';

export type SettingsDone = { kind: 'password' } | { kind: 'myId'; email: string } | { kind: 'cancelled' } | { kind: 'addressBudget' | 'addressBudgetDay' };

function doneText(v: View, done: SettingsDone): string {
  if (done.kind === 'password') return v.t('settings.passwordDone');
  if (done.kind === 'myId') return v.t('settings.myIdDone', { email: done.email });
  if (done.kind === 'cancelled') return v.t('settings.cancelled');
  // SPEC S2: the change ended because too many addresses were submitted
  return done.kind === 'addressBudget' ? v.t('settings.addressBudget') : v.t('settings.addressBudgetDay');
}

export function SettingsPage({ v, email, done }: { v: View; email: string; done?: SettingsDone }) {
  return (
    <Page v={v} title={v.t('settings.title')}>
      {done && (
        <Callout kind={done.kind === 'password' || done.kind === 'myId' ? 'success' : 'info'} role="status">
          <p>{doneText(v, done)}</p>
          {(done.kind === 'addressBudget' || done.kind === 'addressBudgetDay') && (
            <p>
              <a href="/help#address-budget">{v.t('settings.addressBudgetHelp')}</a>
            </p>
          )}
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

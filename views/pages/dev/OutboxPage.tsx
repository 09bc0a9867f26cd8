// The demo outbox (SPEC §2 DEV_OUTBOX, D5): every stored message of every instance, newest first, with its delivery state.
import type { OutboxEntry } from '../../../src/notify/notifier.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';

export function OutboxPage({ v, entries }: { v: View; entries: OutboxEntry[] }) {
  return (
    <Page v={v} title={v.t('common.outboxTitle')}>
      <h1>{v.t('common.outboxTitle')}</h1>
      <p>{v.t('common.outboxIntro')}</p>
      {entries.length === 0 && <p>{v.t('common.outboxEmpty')}</p>}
      {entries.map((e) => (
        <article class="outbox-entry">
          <h2>{e.subject}</h2>
          <dl class="summary-list">
            <div>
              <dt>{v.t('common.outboxAt')}</dt>
              <dd>{v.dateTime(Date.parse(e.at))}</dd>
            </div>
            <div>
              <dt>{v.t('common.outboxChannel')}</dt>
              <dd>{e.channel}</dd>
            </div>
            <div>
              <dt>{v.t('common.outboxTo')}</dt>
              <dd>{e.to}</dd>
            </div>
            <div>
              <dt>{v.t('common.outboxState')}</dt>
              <dd class={`delivery delivery-${e.state}`}>
                {v.t(`common.outboxState.${e.state}`)}
                {e.attempts > 1 && v.t('common.outboxAttempts', { n: e.attempts })}
              </dd>
            </div>
            {e.code && (
              <div>
                <dt>{v.t('common.outboxCode')}</dt>
                <dd class="code">{e.code}</dd>
              </div>
            )}
          </dl>
          <pre class="message-text">{e.text}</pre>
        </article>
      ))}
    </Page>
  );
}

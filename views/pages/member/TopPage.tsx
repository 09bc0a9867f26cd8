// ⑪ The member top page (SPEC T1): previous sign-in, cards with payment date, amount and points, notices.
import type { MemberHome } from '../../../src/db/contract.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';

const yen = new Intl.NumberFormat('ja-JP');

export function TopPage({ v, home, settingsHref }: { v: View; home: MemberHome; settingsHref?: string }) {
  return (
    <Page v={v} title={v.t('member.title')}>
      <h1>{v.t('member.heading')}</h1>
      <p class="meta">
        {home.previousSignInAt === null ? v.t('member.firstSignIn') : v.t('member.previousSignIn', { time: v.dateTime(home.previousSignInAt) })}
      </p>
      <p class="meta">{v.t('member.signedInAs', { email: home.email })}</p>
      {settingsHref && (
        <nav aria-label={v.t('common.mainNav')} class="member-nav">
          <ul>
            <li>
              <a href="/top" aria-current="page">
                {v.t('member.navTop')}
              </a>
            </li>
            <li>
              <a href={settingsHref}>{v.t('member.settingsLink')}</a>
            </li>
          </ul>
        </nav>
      )}
      <section aria-labelledby="cards-heading">
        <h2 id="cards-heading">{v.t('member.cardsHeading')}</h2>
        {home.cards.length === 0 && <p>{v.t('member.noCards')}</p>}
        {home.cards.map((card) => (
          <article class="card-summary" aria-label={`${card.cardName} ${v.t('member.cardEnding', { last4: card.last4 })}`}>
            <h3>
              {card.cardName} <span class="muted">{v.t('member.cardEnding', { last4: card.last4 })}</span>
            </h3>
            <dl class="summary-list">
              <div>
                <dt>{v.t('member.paymentDate')}</dt>
                <dd>{card.paymentDate ? v.date(card.paymentDate) : v.t('member.notYet')}</dd>
              </div>
              <div>
                <dt>{v.t('member.confirmedAmount')}</dt>
                <dd>{card.confirmedAmount === null ? v.t('member.notYet') : v.t('member.amountValue', { amount: yen.format(card.confirmedAmount) })}</dd>
              </div>
              <div>
                <dt>{v.t('member.points')}</dt>
                <dd>{v.t('member.pointsValue', { points: yen.format(card.points ?? 0) })}</dd>
              </div>
            </dl>
          </article>
        ))}
      </section>
      <section aria-labelledby="notices-heading">
        <h2 id="notices-heading">{v.t('member.noticesHeading')}</h2>
        {home.notices.length === 0 ? (
          <p>{v.t('member.noNotices')}</p>
        ) : (
          <ul>
            {home.notices.map((n) => (
              <li>
                <time datetime={new Date(n.publishedAt).toISOString()}>{v.date(new Date(n.publishedAt).toISOString().slice(0, 10))}</time> {v.lang === 'ja' ? n.titleJa : n.titleEn}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

// ⑪ The member top page (SPEC T1): the holder greeted by name, previous sign-in, cards with payment date, amount and points, notices.
import type { MemberHome, Notice } from '../../../src/db/contract.js';
import { groupedNumber } from '../../../src/i18n/japan-time.js';
import { Fill } from '../../components/Fill.js';
import { InJapanese } from '../../components/InJapanese.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';

/** 「山田 太郎 様」; in English the roman name, or the Japanese one marked as Japanese. */
function Greeting({ v, home }: { v: View; home: MemberHome }) {
  const name = v.lang === 'en' && home.nameRoman !== '' ? <>{home.nameRoman}</> : <InJapanese v={v} text={home.name} />;
  return (
    <h1>
      <Fill text={v.t('member.heading')} slot="name">
        {name}
      </Fill>
    </h1>
  );
}

function NoticeItem({ v, notice }: { v: View; notice: Notice }) {
  const iso = new Date(notice.publishedAt).toISOString();
  const title = v.lang === 'ja' ? notice.titleJa : notice.titleEn;
  const body = v.lang === 'ja' ? notice.bodyJa : notice.bodyEn;
  const heading = (
    <>
      <time datetime={iso}>{v.date(iso.slice(0, 10))}</time> {title}
    </>
  );
  if (body === '') return <li>{heading}</li>;
  return (
    <li>
      <details class="notice">
        <summary>{heading}</summary>
        <p>{body}</p>
      </details>
    </li>
  );
}

export function TopPage({ v, home }: { v: View; home: MemberHome }) {
  return (
    <Page v={v} title={v.t('member.title')}>
      <Greeting v={v} home={home} />
      <p class="meta">
        {home.previousSignInAt === null ? v.t('member.firstSignIn') : v.t('member.previousSignIn', { time: v.dateTime(home.previousSignInAt) })}
      </p>
      <p class="meta">{v.t('member.signedInAs', { email: home.email })}</p>
      <section aria-labelledby="cards-heading">
        <h2 id="cards-heading">{v.t('member.cardsHeading')}</h2>
        {home.cards.length === 0 && <p>{v.t('member.noCards')}</p>}
        {home.cards.map((card, i) => (
          <article class="card-summary" aria-labelledby={`card-${i}`}>
            <h3 id={`card-${i}`}>
              <InJapanese v={v} text={card.cardName} /> <span class="muted">{v.t('member.cardEnding', { last4: card.last4 })}</span>
            </h3>
            <dl class="summary-list">
              <div>
                <dt>{v.t('member.paymentDate')}</dt>
                <dd>{card.paymentDate ? v.date(card.paymentDate) : v.t('member.notYet')}</dd>
              </div>
              <div>
                <dt>{v.t('member.confirmedAmount')}</dt>
                <dd>{card.confirmedAmount === null ? v.t('member.notYet') : v.t('member.amountValue', { amount: groupedNumber(card.confirmedAmount) })}</dd>
              </div>
              <div>
                <dt>{v.t('member.points')}</dt>
                <dd>{v.t('member.pointsValue', { points: groupedNumber(card.points ?? 0) })}</dd>
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
          <ul class="notices">
            {home.notices.map((n) => (
              <NoticeItem v={v} notice={n} />
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

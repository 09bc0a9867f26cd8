// Check your answers before the irreversible step (issue 19 item 8): the My ID, the cards linked and those left separate,
// the cards' registered email, the My ID closed — said before the commit on the password page, and again on the done page.
import type { CommitFacts } from '../../src/flows/data.js';
import { InJapanese } from './InJapanese.js';
import { Masked } from './Masked.js';
import type { View } from '../view.js';
import { paths } from '../../src/paths.js';

type Card = CommitFacts['linked'][number];
type Email = CommitFacts['closing'][number];

function Cards({ v, cards }: { v: View; cards: Card[] }) {
  return (
    <ul class="plain-list">
      {cards.map((card) => (
        <li>
          <InJapanese v={v} text={card.cardName} /> {v.t('member.cardEnding', { last4: card.last4 })}
        </li>
      ))}
    </ul>
  );
}

const MaskedEmail = ({ v, email }: { v: View; email: Email }) => <Masked shown={email.masked} spoken={v.t('common.maskedEmailSpoken', email.parts)} />;

/** `done`: said after the commit (the done page), else before it (the password page, whose button commits). */
export function CommitSummary({ v, facts, done }: { v: View; facts: CommitFacts; done?: boolean }) {
  const { cardEmail } = facts;
  return (
    <section class="commit-summary" aria-labelledby="commit-heading">
      <h2 id="commit-heading">{v.t(done ? 'commit.headingDone' : 'commit.heading')}</h2>
      <dl class="summary-list">
        <div>
          <dt>{v.t('commit.myId')}</dt>
          <dd>{facts.myId}</dd>
        </div>
        <div>
          <dt>{v.t(done ? 'commit.linkedDone' : 'commit.linked')}</dt>
          <dd>
            <Cards v={v} cards={facts.linked} />
          </dd>
        </div>
        {facts.separate.length > 0 && (
          <div>
            <dt>{v.t(done ? 'commit.separateDone' : 'commit.separate')}</dt>
            <dd>
              <Cards v={v} cards={facts.separate} />
              <p class="hint">
                {v.t('commit.separateNote')} <a href={`${paths.help}#cards-not-linked`}>{v.t('commit.separateHelp')}</a>
              </p>
            </dd>
          </div>
        )}
        <div>
          <dt>{v.t('commit.cardEmail')}</dt>
          <dd>
            {cardEmail === 'kept' ? (
              v.t('commit.cardEmailKept')
            ) : cardEmail.from === null ? (
              v.t(done ? 'commit.cardEmailSetDone' : 'commit.cardEmailSet', { email: facts.myId })
            ) : (
              <>
                <MaskedEmail v={v} email={cardEmail.from} /> {v.t(done ? 'commit.cardEmailChangedDone' : 'commit.cardEmailChanged', { email: facts.myId })}
              </>
            )}
          </dd>
        </div>
        {facts.closing.length > 0 && (
          <div>
            <dt>{v.t(done ? 'commit.closingDone' : 'commit.closing')}</dt>
            <dd>
              <ul class="plain-list">
                {facts.closing.map((email) => (
                  <li>
                    <MaskedEmail v={v} email={email} />
                  </li>
                ))}
              </ul>
              <p>{v.t(done ? 'commit.closingNoteDone' : 'commit.closingNote')}</p>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

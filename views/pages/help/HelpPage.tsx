// The help page (SPEC H1): each message of sign-in and migration under its own linkable heading, with its meaning and what to do.
import type { MessageKey, Params } from '../../../src/i18n/index.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';
import { LinkList, ways, type Link } from '../../components/LinkList.js';
import { PASSWORD_RULES } from '../../components/NewPasswordFields.js';
import { SupportDesk, type Support } from '../../components/SupportDesk.js';
import { paths } from '../../../src/paths.js';

/** The configured limits the explanations quote, so the page says what this portal really does. */
export type HelpLimits = {
  max: number;
  minutes: number;
  idle: number;
  hours: number;
  flowMinutes: number;
  codeMax: number;
  codeMinutes: number;
  lockMinutes: number;
  resendSeconds: number;
  perHour: number;
  cardLockHours: number;
  /** SPEC S1: CODE_MAX_FAILURES_PER_DAY, CODE_MAX_FAILURES_TOTAL; S2: EMAIL_TAKEN_MAX_PER_FLOW, EMAIL_TAKEN_MAX_PER_DAY */
  codeDay: number;
  codeTotal: number;
  addressMax: number;
  addressDay: number;
  /** SPEC §2: the support desk a closure sends the member to. */
  supportPhone: string;
  supportHours: string;
};

type Topic = {
  /** The fragment other pages link to: /help#locked */
  id: string;
  /** The message as the page shows it (the heading quotes it) … */
  message?: MessageKey;
  /** … or a heading for a situation without one message. */
  heading?: MessageKey;
  meaning: MessageKey;
  /** Rules listed under the meaning (email format, password rules). */
  list?: MessageKey[];
  todo: MessageKey[];
  links?: Link[];
};

const { reset, register } = ways;
const signIn = { href: paths.signIn, text: 'help.backToSignIn' } as const;

const signInTopics: Topic[] = [
  { id: 'cannot-sign-in', message: 'signin.errorGeneric', meaning: 'help.genericMeaning', todo: ['help.genericTodo1', 'help.genericTodo2', 'help.genericTodo3', 'help.genericTodo4'], links: [reset, register] },
  { id: 'locked', message: 'signin.errorLockedMyId', meaning: 'help.lockedMeaning', todo: ['help.lockedTodo1', 'help.lockedTodo2', 'help.lockedTodo3'], links: [reset, register] },
  { id: 'locked-legacy', message: 'signin.errorLockedLegacy', meaning: 'help.lockedLegacyMeaning', todo: ['help.lockedLegacyTodo1'], links: [register] },
  { id: 'throttled', message: 'errors.throttled', meaning: 'help.throttledMeaning', todo: ['help.throttledTodo1', 'help.throttledTodo2'] },
  { id: 'migration-budget', message: 'help.migrationBudgetMessage', meaning: 'help.migrationBudgetMeaning', todo: ['help.migrationBudgetTodo1'] },
  { id: 'session-expired', message: 'signin.sessionExpired', meaning: 'help.sessionMeaning', todo: ['help.sessionTodo1', 'help.sessionTodo2'], links: [signIn] },
  { id: 'session-ended', message: 'signin.sessionEnded', meaning: 'help.sessionEndedMeaning', todo: ['help.sessionEndedTodo1'], links: [signIn] },
  { id: 'flow-expired', message: 'signin.flowExpired', meaning: 'help.flowExpiredMeaning', todo: ['help.flowExpiredTodo1', 'help.flowExpiredTodo2'], links: [signIn] },
  { id: 'flow-cancelled', message: 'signin.flowCancelled', meaning: 'help.flowCancelledMeaning', todo: ['help.flowCancelledTodo1'], links: [signIn] },
  { id: 'forbidden', message: 'errors.forbiddenTitle', meaning: 'help.forbiddenMeaning', todo: ['help.forbiddenTodo1'] },
  { id: 'card-details', message: 'registration.errorDetails', meaning: 'help.cardDetailsMeaning', todo: ['help.cardDetailsTodo1'], links: [register] },
  { id: 'card-locked', message: 'registration.errorLocked', meaning: 'help.cardLockedMeaning', todo: ['help.cardLockedTodo1'] },
  { id: 'address-budget', message: 'signin.addressBudget', meaning: 'help.addressBudgetMeaning', todo: ['help.addressBudgetTodo1', 'help.addressBudgetTodo2'], links: [signIn] },
  { id: 'current-password-locked', message: 'settings.errorCurrentLocked', meaning: 'help.currentLockedMeaning', todo: ['help.currentLockedTodo1'], links: [reset] },
];

const migrationTopics: Topic[] = [
  { id: 'card-email-taken', message: 'help.cardEmailTakenMessage', meaning: 'help.cardEmailTakenMeaning', todo: ['help.cardEmailTakenTodo1', 'help.cardEmailTakenTodo2'], links: [reset] },
  {
    id: 'email-invalid',
    message: 'help.emailInvalidMessage',
    meaning: 'help.emailInvalidMeaning',
    list: ['help.emailRuleAscii', 'help.emailRuleAt', 'help.emailRuleAtEdge', 'help.emailRuleSymbol', 'help.emailRuleDot', 'help.emailRuleLength'],
    todo: ['help.emailInvalidTodo1'],
  },
  { id: 'email-unavailable', message: 'help.emailUnavailableMessage', meaning: 'help.emailUnavailableMeaning', todo: ['help.emailUnavailableTodo1', 'help.emailUnavailableTodo2'], links: [reset] },
  { id: 'code-mismatch', message: 'help.codeMismatchMessage', meaning: 'help.codeMismatchMeaning', todo: ['help.codeMismatchTodo1', 'help.codeMismatchTodo2'] },
  { id: 'code-expired', message: 'help.codeExpiredMessage', meaning: 'help.codeExpiredMeaning', todo: ['help.codeExpiredTodo1'] },
  { id: 'code-locked', message: 'help.codeLockedMessage', meaning: 'help.codeLockedMeaning', todo: ['help.codeLockedTodo1', 'help.codeLockedTodo2'] },
  { id: 'code-closed', message: 'verify.codeErrorClosed', meaning: 'help.codeClosedMeaning', todo: ['help.codeClosedTodo1', 'help.codeClosedTodo2'], links: [reset] },
  { id: 'resend-wait', heading: 'help.resendHeading', meaning: 'help.resendMeaning', todo: ['help.resendTodo1'] },
  // SPEC D4: a code message that could not be sent
  { id: 'code-not-sent', message: 'verify.deliveryFailed', meaning: 'help.codeNotSentMeaning', todo: ['help.codeNotSentTodo1', 'help.codeNotSentTodo2'] },
  { id: 'no-code', heading: 'help.noCodeHeading', meaning: 'help.noCodeMeaning', todo: ['help.noCodeTodo1', 'help.noCodeTodo2', 'help.noCodeTodo3'] },
  { id: 'cards-not-linked', heading: 'help.notLinkedHeading', meaning: 'help.notLinkedMeaning', todo: ['help.notLinkedTodo1', 'help.notLinkedTodo2'], links: [register] },
  {
    id: 'password-rules',
    heading: 'help.passwordHeading',
    meaning: 'help.passwordMeaning',
    list: [...PASSWORD_RULES],
    todo: ['help.passwordTodo1'],
  },
];

const groups = [
  { id: 'sign-in', heading: 'help.groupSignIn', topics: signInTopics },
  { id: 'migration', heading: 'help.groupMigration', topics: migrationTopics },
] as const;

function headingOf(v: View, topic: Topic, p: Params): string {
  return topic.message ? v.t('help.quoted', { message: v.t(topic.message, p) }) : v.t(topic.heading!, p);
}

function TopicSection({ v, topic, p }: { v: View; topic: Topic; p: Params }) {
  return (
    <section aria-labelledby={topic.id} class="panel">
      <h3 id={topic.id}>{headingOf(v, topic, p)}</h3>
      <h4>{v.t('help.meaning')}</h4>
      <p>{v.t(topic.meaning, p)}</p>
      {topic.list && (
        <ul>
          {topic.list.map((key) => (
            <li>{v.t(key, p)}</li>
          ))}
        </ul>
      )}
      <h4>{v.t('help.todo')}</h4>
      <ul>
        {topic.todo.map((key) => (
          <li>{v.t(key, p)}</li>
        ))}
      </ul>
      {topic.links && <LinkList v={v} links={topic.links} />}
    </section>
  );
}

export function HelpPage({ v, limits, support }: { v: View; limits: HelpLimits; support: Support }) {
  const p: Params = { ...limits };
  return (
    <Page v={v} title={v.t('help.title')}>
      <h1>{v.t('help.heading')}</h1>
      <p>{v.t('help.intro')}</p>
      <nav aria-labelledby="contents-heading">
        <h2 id="contents-heading">{v.t('help.contents')}</h2>
        {groups.map((g) => (
          <>
            <p>
              <a href={`#${g.id}`}>{v.t(g.heading)}</a>
            </p>
            <ul>
              {g.topics.map((topic) => (
                <li>
                  <a href={`#${topic.id}`}>{headingOf(v, topic, p)}</a>
                </li>
              ))}
            </ul>
          </>
        ))}
        <p>
          <a href="#tips">{v.t('help.groupTips')}</a>
        </p>
        <p>
          <a href="#support">{v.t('common.supportHeading')}</a>
        </p>
      </nav>
      {groups.map((g) => (
        <>
          <h2 id={g.id}>{v.t(g.heading)}</h2>
          {g.topics.map((topic) => (
            <TopicSection v={v} topic={topic} p={p} />
          ))}
        </>
      ))}
      <h2 id="tips">{v.t('help.groupTips')}</h2>
      <ul>
        <li>{v.t('signin.kindMyId')}</li>
        <li>{v.t('signin.kindLegacy')}</li>
        <li>{v.t('signin.helpConfusable')}</li>
        <li>{v.t('signin.helpHalfWidth')}</li>
        <li>{v.t('signin.helpPaste')}</li>
      </ul>
      <SupportDesk v={v} support={support} />
      <p>
        <a href={paths.signIn}>{v.t('help.backToSignIn')}</a>
      </p>
    </Page>
  );
}

// ① Sign-in (SPEC L1, L4, L5, T3): ID and password, the helps, and the links to reset, create and help.
import { Callout } from '../../components/Callout.js';
import { ErrorSummary, errorFor } from '../../components/ErrorSummary.js';
import { Button, Form } from '../../components/Form.js';
import { TextField } from '../../components/TextField.js';
import { Page } from '../../layouts/Page.js';
import type { FieldError, View } from '../../view.js';
import { LinkList, ways } from '../../components/LinkList.js';
import { SupportDesk, type Support } from '../../components/SupportDesk.js';
import { paths } from '../../../src/paths.js';

export type SignInNotice = 'expired' | 'ended' | 'flowExpired' | 'flowCancelled' | 'signedOut' | 'addressBudget' | 'addressBudgetDay';
export type SignInFailure = 'generic' | 'lockedLegacy' | 'lockedMyId' | 'throttled' | 'migrationBudget';

/** `emailShaped`: whether the typed ID looks like a My ID (by default from `id`; the render cache of issue 20 says it, its `id` being a marker). */
type Props = { v: View; id?: string; next?: string; errors?: FieldError[]; notice?: SignInNotice; failure?: SignInFailure; retryAt?: number; support?: Support; emailShaped?: boolean };

const noticeKey = {
  expired: 'signin.sessionExpired',
  ended: 'signin.sessionEnded',
  flowExpired: 'signin.flowExpired',
  flowCancelled: 'signin.flowCancelled',
  signedOut: 'signin.signedOut',
  // SPEC S2: the flow ended because too many addresses were submitted
  addressBudget: 'signin.addressBudget',
  addressBudgetDay: 'signin.addressBudgetDay',
} as const;

/** Where the help page explains each failure (SPEC H1). */
const helpAnchor = { generic: 'cannot-sign-in', lockedLegacy: 'locked-legacy', lockedMyId: 'locked', throttled: 'throttled', migrationBudget: 'migration-budget' } as const;

function HelpLink({ v, failure }: { v: View; failure: SignInFailure }) {
  return (
    <p>
      <a href={`${paths.help}#${helpAnchor[failure]}`}>{v.t('signin.moreHelp')}</a>
    </p>
  );
}

function FailureHelp({ v, failure, retryAt, emailShaped }: { v: View; failure: SignInFailure; retryAt?: number; emailShaped: boolean }) {
  if (failure === 'throttled') {
    return (
      <Callout kind="warning">
        <p>{v.t('signin.throttledExplain', { time: v.clockTime(retryAt ?? 0) })}</p>
        <HelpLink v={v} failure={failure} />
      </Callout>
    );
  }
  if (failure === 'migrationBudget') {
    return (
      <Callout kind="info">
        <p>{v.t('signin.migrationBudgetExplain', { time: v.clockTime(retryAt ?? 0) })}</p>
        <HelpLink v={v} failure={failure} />
      </Callout>
    );
  }
  if (failure === 'generic') {
    return (
      <Callout kind="warning">
        <p>{v.t('signin.genericExplainIntro')}</p>
        <ul>
          <li>{v.t('signin.genericExplainNotRegistered')}</li>
          <li>{v.t('signin.genericExplainMigrated')}</li>
        </ul>
        <p>
          <a href={paths.register}>{v.t('signin.createMyId')}</a> / <a href={paths.reset}>{v.t('signin.forgotPassword')}</a>
        </p>
        <HelpLink v={v} failure={failure} />
      </Callout>
    );
  }
  if (failure === 'lockedLegacy') {
    return (
      <Callout kind="warning">
        <p>{v.t('signin.lockedLegacyAction')}</p>
        <p>
          <a href={paths.register}>{v.t('signin.createMyId')}</a>
        </p>
        <HelpLink v={v} failure={failure} />
      </Callout>
    );
  }
  // issue 19: the advice that fits the typed ID's shape comes first — a My ID is an email address (known or not alike, L6)
  const legacy = (
    <li>
      {v.t('signin.lockedMyIdActionLegacy')} <a href={paths.register}>{v.t('signin.createMyId')}</a>
    </li>
  );
  const myId = (
    <li>
      {v.t('signin.lockedMyIdActionMyId')} <a href={paths.reset}>{v.t('signin.forgotPassword')}</a>
    </li>
  );
  return (
    <Callout kind="warning">
      <ul>{emailShaped ? [myId, legacy] : [legacy, myId]}</ul>
      <HelpLink v={v} failure={failure} />
    </Callout>
  );
}

export function SignInPage({ v, id, next, errors = [], notice, failure, retryAt, support, emailShaped = (id ?? '').includes('@') }: Props) {
  return (
    <Page v={v} title={v.t('signin.title')} hasErrors={errors.length > 0}>
      <ErrorSummary v={v} errors={errors} title={failure && failure !== 'generic' ? v.t('signin.cannotNowTitle') : undefined} />
      {failure && <FailureHelp v={v} failure={failure} retryAt={retryAt} emailShaped={emailShaped} />}
      {/* issue 19 item 16: a lock page names the support desk */}
      {support && (failure === 'lockedLegacy' || failure === 'lockedMyId') && <SupportDesk v={v} support={support} />}
      {notice && (
        <Callout kind={notice === 'signedOut' ? 'success' : 'info'} role="status">
          <p>{v.t(noticeKey[notice])}</p>
          {(notice === 'addressBudget' || notice === 'addressBudgetDay') && (
            <p>
              <a href={`${paths.help}#address-budget`}>{v.t('signin.moreHelp')}</a>
            </p>
          )}
        </Callout>
      )}
      <h1>{v.t('signin.heading')}</h1>
      <Form v={v} action={next ? `${paths.signIn}?next=${encodeURIComponent(next)}` : paths.signIn}>
        <TextField v={v} id="id" label={v.t('signin.idLabel')} hint={v.t('signin.idHint')} value={id} error={errorFor(errors, 'id')} autocomplete="username" spellcheck={false} />
        <TextField v={v} id="password" type="password" label={v.t('signin.passwordLabel')} error={errorFor(errors, 'password')} autocomplete="current-password" />
        <Button>{v.t('signin.submit')}</Button>
      </Form>
      <LinkList v={v} links={[{ ...ways.register, hint: 'signin.createMyIdWhen' }, { ...ways.reset, hint: 'signin.forgotPasswordWhen' }, ways.help]} />
      <section aria-labelledby="kinds-heading" class="panel">
        <h2 id="kinds-heading">{v.t('signin.kindsHeading')}</h2>
        <ul>
          <li>{v.t('signin.kindMyId')}</li>
          <li>{v.t('signin.kindLegacy')}</li>
        </ul>
        <ul class="hint-list">
          <li>{v.t('signin.helpConfusable')}</li>
          <li>{v.t('signin.helpHalfWidth')}</li>
          <li>{v.t('signin.helpPaste')}</li>
        </ul>
      </section>
    </Page>
  );
}

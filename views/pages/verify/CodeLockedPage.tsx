// A verification locked by wrong codes (SPEC M6a, S1's rolling day) or closed by them (S1): what happened, until when,
// that the procedure starts again, and where to get help — no code field, no resend, nothing that looks alive.
import { Button, Form } from '../../components/Form.js';
import { LinkList, ways } from '../../components/LinkList.js';
import { SupportDesk, type Support } from '../../components/SupportDesk.js';
import { Page } from '../../layouts/Page.js';
import type { View } from '../../view.js';

type Props = {
  v: View;
  /** The page title, e.g. the flow's step title. */
  title: string;
  /** What happened, in the guide's words (or a closure's message). */
  message: string;
  /** When the lock ends (epoch ms); null for a verification closed until an operator reopens it. */
  lockedUntil: number | null;
  /** Ends the procedure: a POST to the flow's cancel. */
  restartAction: string;
  /** Where starting again begins: sign-in (M, R, G) or the settings (T2). */
  restartFrom: 'signIn' | 'settings';
  /** SPEC S1: for M and G a completed password reset reopens a closed verification too. */
  reopenedByReset?: boolean;
  support: Support;
};

/** After the lock ends (or, closed, after the support desk reopens it) the procedure starts again from here. */
function restartText(v: View, closed: boolean, restartFrom: Props['restartFrom']): string {
  if (closed) return restartFrom === 'signIn' ? v.t('verify.closedRestart') : v.t('verify.closedRestartSettings');
  return restartFrom === 'signIn' ? v.t('verify.lockedRestart') : v.t('verify.lockedRestartSettings');
}

export function CodeLockedPage({ v, title, message, lockedUntil, restartAction, restartFrom, reopenedByReset, support }: Props) {
  const closed = lockedUntil === null;
  return (
    <Page v={v} title={closed ? v.t('verify.closedTitle', { title }) : v.t('verify.lockedTitle', { title })}>
      <h1>{closed ? v.t('verify.closedHeading') : v.t('verify.lockedHeading')}</h1>
      <div class="notification" role="alert" aria-labelledby="locked-message">
        <p id="locked-message" class="notification-text">
          {message}
        </p>
      </div>
      {lockedUntil !== null && <p>{v.t('verify.lockedWhen', { time: v.dateTime(lockedUntil) })}</p>}
      <p>{restartText(v, closed, restartFrom)}</p>
      {closed && reopenedByReset && <p>{v.t('verify.closedByReset')}</p>}
      <Form v={v} action={restartAction}>
        <Button>{restartFrom === 'signIn' ? v.t('common.backToSignIn') : v.t('verify.backToSettings')}</Button>
      </Form>
      <SupportDesk v={v} support={support} />
      <LinkList v={v} links={[{ href: closed ? '/help#code-closed' : '/help#code-locked', text: 'verify.lockedHelpLink' }, ways.help]} />
    </Page>
  );
}

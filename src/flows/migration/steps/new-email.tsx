// ④ M3: a new email for the My ID (and, on はい with a taken card email, the guide's message why).
import type { Hono } from 'hono';
import { Callout } from '../../../../views/components/Callout.js';
import type { AppEnv } from '../../../web/env.js';
import { emailEntryStep } from '../../steps/email-entry.js';
import { holderOf, migration } from '../machine.js';

export function newEmailStep(app: Hono<AppEnv>) {
  return emailEntryStep(app, {
    flow: migration,
    step: 'new-email',
    entered: 'EMAIL_ENTERED',
    taken: 'migration.emailTaken',
    subject: holderOf,
    text: (t) => ({
      title: t('migration.newEmailTitle'),
      heading: t('migration.newEmailHeading'),
      intro: t('migration.newEmailIntro'),
      label: t('migration.emailLabel'),
      hint: t('migration.newEmailHint'),
      example: t('migration.emailExample'),
      submit: t('migration.register'),
      back: t('migration.backToSignIn'),
      cancelNote: t('migration.newEmailCancelNote'),
    }),
    // SPEC M2: はい on a card email that is already a My ID lands here with the guide's message
    notice: (t, flow) =>
      flow.data.cardEmailTaken ? (
        <Callout kind="warning" role="alert">
          <p>{t('migration.cardEmailTaken')}</p>
          <p>{t('migration.cardEmailTakenAction')}</p>
        </Callout>
      ) : undefined,
  });
}

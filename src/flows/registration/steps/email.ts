// G2: the address that becomes the new My ID (M3 rules; it must not already be a My ID).
import type { Hono } from 'hono';
import type { AppEnv } from '../../../web/env.js';
import { emailEntryStep } from '../../steps/email-entry.js';
import { holderOf, registration } from '../machine.js';

export function emailStep(app: Hono<AppEnv>) {
  return emailEntryStep(app, {
    flow: registration,
    step: 'email',
    entered: 'EMAIL_CHOSEN',
    taken: 'registration.errorEmailTaken',
    subject: holderOf,
    text: (t) => ({
      title: t('registration.emailTitle'),
      heading: t('registration.emailHeading'),
      intro: t('registration.emailIntro'),
      label: t('registration.emailLabel'),
      hint: t('registration.emailHint'),
      example: t('registration.emailExample'),
      submit: t('registration.emailSubmit'),
      back: t('registration.emailBack'),
    }),
  });
}

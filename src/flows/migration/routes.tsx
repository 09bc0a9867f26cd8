// SPEC M1–M9: the migration sub-app at /migration. Sign-in (L3) starts the flow at the terms; each step is one file in steps/.
import { Hono } from 'hono';
import type { AppEnv } from '../../web/env.js';
import { cancelAction } from '../steps/cancel.js';
import { termsStep } from '../steps/terms.js';
import { migration } from './machine.js';
import { confirmEmailStep } from './steps/confirm-email.js';
import { doneStep } from './steps/done.js';
import { emailChoiceStep } from './steps/email-choice.js';
import { emailCodeStep } from './steps/email-code.js';
import { newEmailStep } from './steps/new-email.js';
import { passwordStep } from './steps/password.js';
import { migrationPhoneStep } from './steps/phone.js';

export const migrationRoutes = new Hono<AppEnv>();

termsStep(migrationRoutes, {
  flow: migration,
  step: 'terms',
  text: (t) => ({ title: t('migration.termsTitle'), heading: t('migration.termsHeading'), intro: t('migration.termsIntro'), cancelNote: t('migration.termsCancelNote'), accept: t('migration.termsAccept'), cancel: t('migration.cancel') }),
  // SPEC M2: a card with no registered email goes straight to M3
  accepted: async (c, flow) => ((flow.cardId !== null && (await c.get('deps').stores.migration.findCardEmail(flow.cardId))) ? 'TERMS_ACCEPTED' : 'TERMS_ACCEPTED_WITHOUT_CARD_EMAIL'),
});
emailChoiceStep(migrationRoutes);
const newEmail = newEmailStep(migrationRoutes);
emailCodeStep(migrationRoutes);
confirmEmailStep(migrationRoutes);
migrationPhoneStep(migrationRoutes);
passwordStep(migrationRoutes, newEmail.showTaken);
doneStep(migrationRoutes);
cancelAction(migrationRoutes, migration);

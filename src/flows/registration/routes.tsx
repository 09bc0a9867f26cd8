// SPEC G1–G3 My ID作成はこちら: card number + birth date → phone code → terms → new email → email code → password → done.
import { Hono } from 'hono';
import type { AppEnv } from '../../web/env.js';
import { cancelAction } from '../steps/cancel.js';
import { termsStep } from '../steps/terms.js';
import { registration } from './machine.js';
import { emailCodeStep, registrationPhoneStep } from './steps/codes.js';
import { emailStep } from './steps/email.js';
import { doneStep, passwordStep } from './steps/password.js';
import { startStep } from './steps/start.js';

export const registrationRoutes = new Hono<AppEnv>();

startStep(registrationRoutes);
registrationPhoneStep(registrationRoutes);
termsStep(registrationRoutes, {
  flow: registration,
  step: 'terms',
  text: (t) => ({ title: t('registration.termsTitle'), heading: t('registration.termsHeading'), intro: t('registration.termsIntro'), cancelNote: t('registration.termsCancelNote'), accept: t('registration.termsAccept'), cancel: t('registration.cancel') }),
  accepted: () => 'TERMS_ACCEPTED',
});
const email = emailStep(registrationRoutes);
emailCodeStep(registrationRoutes);
passwordStep(registrationRoutes, email.showTaken);
doneStep(registrationRoutes);
cancelAction(registrationRoutes, registration);

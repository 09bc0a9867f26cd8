// G2's phone code (M6) and email code (M4), counted against the holder the card identified.
import type { Hono } from 'hono';
import type { AppEnv } from '../../../web/env.js';
import { codeStep } from '../../steps/code.js';
import { phoneStep } from '../../steps/phone.js';
import { holderOf, registration } from '../machine.js';

export function registrationPhoneStep(app: Hono<AppEnv>): void {
  phoneStep(app, {
    flow: registration,
    step: 'phone',
    subject: holderOf,
    text: (t) => ({ title: t('registration.phoneTitle'), heading: t('verify.phoneHeading'), intro: [t('verify.phoneIntro')] }),
    verified: 'PHONE_CODE_VERIFIED',
  });
}

export function emailCodeStep(app: Hono<AppEnv>): void {
  codeStep(app, {
    flow: registration,
    step: 'email-code',
    subject: holderOf,
    text: (t, flow) => ({ title: t('registration.emailCodeTitle'), heading: t('registration.emailCodeHeading'), intro: [t('registration.emailCodeIntro', { email: flow.email ?? '' })] }),
    verified: 'EMAIL_CODE_VERIFIED',
    changeAddress: 'EMAIL_CHANGE_REQUESTED',
  });
}

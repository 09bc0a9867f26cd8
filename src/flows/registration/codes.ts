// G2's phone code (M6) and email code (M4) of the registration, mounted from the shared code steps.
import { holderSubject, moveTo } from '../verify/code-step.js';
import type { EmailCodeSpec } from '../verify/email-code-step.js';
import type { PhoneSpec } from '../verify/phone-step.js';
import { base, cancelAction, KIND, next, stepOf } from './shared.js';

export const phone: PhoneSpec = {
  kind: KIND,
  base,
  step: 'phone',
  cancelAction,
  subject: (flow) => holderSubject(flow.holderId),
  holderId: (flow) => flow.holderId ?? 0,
  text: (t) => ({ title: t('registration.phoneTitle'), heading: t('verify.phoneHeading'), intro: [t('verify.phoneIntro')], ...stepOf('phone') }),
  verified: moveTo(base, 'phone', next('phone', 'PHONE_CODE_VERIFIED')),
};

export const emailCode: EmailCodeSpec = {
  kind: KIND,
  base,
  step: 'email-code',
  cancelAction,
  subject: (flow) => holderSubject(flow.holderId),
  destination: (flow) => flow.email ?? '',
  text: (t, flow) => ({
    title: t('registration.emailCodeTitle'),
    heading: t('registration.emailCodeHeading'),
    intro: [t('registration.emailCodeIntro', { email: flow.email ?? '' })],
    ...stepOf('email-code'),
  }),
  verified: moveTo(base, 'email-code', next('email-code', 'EMAIL_CODE_VERIFIED')),
  changeAddress: moveTo(base, 'email-code', next('email-code', 'EMAIL_CHANGE_REQUESTED')),
};

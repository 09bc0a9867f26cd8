// M4 (email code) and M6 (phone code) of the migration, mounted from the shared code steps.
import { holderSubject, moveTo } from '../../verify/code-step.js';
import type { EmailCodeSpec } from '../../verify/email-code-step.js';
import type { PhoneSpec } from '../../verify/phone-step.js';
import { base, cancelAction, KIND, next, stepOf } from '../shared.js';

export const emailCodeStep: EmailCodeSpec = {
  kind: KIND,
  base,
  step: 'email-code',
  cancelAction,
  subject: (flow) => holderSubject(flow.holderId),
  destination: (flow) => flow.email ?? '',
  text: (t, flow) => ({
    title: t('migration.emailCodeTitle'),
    heading: t('migration.emailCodeHeading'),
    intro: [t('migration.emailCodeIntro', { email: flow.email ?? '' }), t('migration.cancelRestart')],
    ...stepOf('email-code'),
  }),
  verified: moveTo(base, 'email-code', next('email-code', 'EMAIL_CODE_VERIFIED')),
  changeAddress: moveTo(base, 'email-code', next('email-code', 'EMAIL_CHANGE_REQUESTED')),
};

export const phoneStep: PhoneSpec = {
  kind: KIND,
  base,
  step: 'phone',
  cancelAction,
  subject: (flow) => holderSubject(flow.holderId),
  holderId: (flow) => flow.holderId ?? 0,
  text: (t) => ({ title: t('migration.phoneTitle'), heading: t('verify.phoneHeading'), intro: [t('migration.phoneIntro'), t('migration.cancelRestart')], ...stepOf('phone') }),
  verified: moveTo(base, 'phone', next('phone', 'PHONE_CODE_VERIFIED')),
};

// M4 (email code) and M6 (phone code) of the migration, mounted from the shared code steps.
import { advanceFlow } from '../../../db/stores/flows.js';
import { maskEmail } from '../../../auth/normalise.js';
import type { EmailCodeSpec } from '../../verify/email-code-step.js';
import type { PhoneSpec } from '../../verify/phone-step.js';
import { base, cancelAction, holderSubject, KIND, next, stepOf, urlOf } from '../shared.js';

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
    intro: [t('migration.emailCodeIntro', { email: maskEmail(flow.email ?? '') }), t('migration.cancelRestart')],
    ...stepOf('email-code'),
  }),
  async verified(c, flow) {
    const to = next('email-code', 'EMAIL_CODE_VERIFIED');
    return advanceFlow(c.get('deps').db, flow.id, 'email-code', to) ? urlOf(to) : undefined;
  },
  async changeAddress(c, flow) {
    const to = next('email-code', 'EMAIL_CHANGE_REQUESTED');
    return advanceFlow(c.get('deps').db, flow.id, 'email-code', to) ? urlOf(to) : undefined;
  },
};

export const phoneStep: PhoneSpec = {
  kind: KIND,
  base,
  step: 'phone',
  cancelAction,
  subject: (flow) => holderSubject(flow.holderId),
  holderId: (flow) => flow.holderId ?? 0,
  text: (t) => ({ title: t('migration.phoneTitle'), heading: t('verify.phoneHeading'), intro: [t('migration.phoneIntro'), t('migration.cancelRestart')], ...stepOf('phone') }),
  async verified(c, flow) {
    const to = next('phone', 'PHONE_CODE_VERIFIED');
    return advanceFlow(c.get('deps').db, flow.id, 'phone', to) ? urlOf(to) : undefined;
  },
};

// G2's phone code (M6) and email code (M4) of the registration, mounted from the shared code steps.
import { maskEmail } from '../../auth/normalise.js';
import { advanceFlow } from '../../db/stores/flows.js';
import { stepUrl } from '../guard.js';
import type { EmailCodeSpec } from '../verify/email-code-step.js';
import type { PhoneSpec } from '../verify/phone-step.js';
import { base, cancelAction, holderSubject, KIND, next, stepOf } from './shared.js';

export const phone: PhoneSpec = {
  kind: KIND,
  base,
  step: 'phone',
  cancelAction,
  subject: (flow) => holderSubject(flow.holderId),
  holderId: (flow) => flow.holderId ?? 0,
  text: (t) => ({ title: t('registration.phoneTitle'), heading: t('verify.phoneHeading'), intro: [t('verify.phoneIntro')], ...stepOf('phone') }),
  async verified(c, flow) {
    const to = next('phone', 'PHONE_CODE_VERIFIED');
    return advanceFlow(c.get('deps').db, flow.id, 'phone', to) ? stepUrl(base, to) : undefined;
  },
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
    intro: [t('registration.emailCodeIntro', { email: maskEmail(flow.email ?? '') })],
    ...stepOf('email-code'),
  }),
  async verified(c, flow) {
    const to = next('email-code', 'EMAIL_CODE_VERIFIED');
    return advanceFlow(c.get('deps').db, flow.id, 'email-code', to) ? stepUrl(base, to) : undefined;
  },
  async changeAddress(c, flow) {
    const to = next('email-code', 'EMAIL_CHANGE_REQUESTED');
    return advanceFlow(c.get('deps').db, flow.id, 'email-code', to) ? stepUrl(base, to) : undefined;
  },
};

// R2: the email code (M4) and the phone code (M6) of a reset, counted against the account (or its ghost, SPEC L6).
import type { Hono } from 'hono';
import type { CodeSubject } from '../../../auth/codes.js';
import type { AppEnv } from '../../../web/env.js';
import type { Flow } from '../../data.js';
import { codeStep } from '../../steps/code.js';
import { phoneStep } from '../../steps/phone.js';
import { reset } from '../machine.js';

const subjectOf = (flow: Flow): CodeSubject => flow.data.subject ?? `account:${flow.accountId ?? 0}`;

export function emailCodeStep(app: Hono<AppEnv>): void {
  codeStep(app, {
    flow: reset,
    step: 'email-code',
    subject: subjectOf,
    silent: (flow) => flow.accountId === null,
    text: (t, flow) => ({ title: t('reset.emailCodeTitle'), heading: t('reset.emailCodeHeading'), intro: [t('reset.emailCodeIntro', { email: flow.email ?? '' }), t('reset.emailCodeNoMail')] }),
    // a flow for an unknown address has no account and cannot have verified; refuse to move on regardless
    verified: async (c, flow) => (flow.accountId === null || flow.holderId === null ? undefined : reset.move(c, flow, 'email-code', 'EMAIL_CODE_VERIFIED')),
    // SPEC R1/L6: the My ID is typed before the flow starts, so correcting it ends this flow and starts again at R1 —
    // the same answer for a known and an unknown address, decided without looking at the account
    async changeAddress(c, flow) {
      await reset.end(c, flow);
      return reset.base;
    },
  });
}

export function resetPhoneStep(app: Hono<AppEnv>): void {
  phoneStep(app, {
    flow: reset,
    step: 'phone',
    subject: subjectOf,
    text: (t) => ({ title: t('reset.phoneTitle'), heading: t('verify.phoneHeading'), intro: [t('verify.phoneIntro')] }),
    verified: 'PHONE_CODE_VERIFIED',
  });
}

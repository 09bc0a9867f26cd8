// SPEC G1–G2 as data: (card + birth date at G1) → phone code → terms → new email → email code → password → done.
import { paths } from '../../paths.js';
import { defineFlow } from '../flow.js';
import type { StepTable } from '../machine.js';

export type RegistrationStep = 'phone' | 'terms' | 'email' | 'email-code' | 'password' | 'done';
export type RegistrationEvent = 'PHONE_CODE_VERIFIED' | 'TERMS_ACCEPTED' | 'EMAIL_CHOSEN' | 'EMAIL_CODE_VERIFIED' | 'EMAIL_CHANGE_REQUESTED' | 'PASSWORD_SET' | 'EMAIL_TAKEN';

export const registrationSteps: StepTable<RegistrationStep, RegistrationEvent> = {
  phone: { PHONE_CODE_VERIFIED: 'terms' },
  terms: { TERMS_ACCEPTED: 'email' },
  email: { EMAIL_CHOSEN: 'email-code' },
  // SPEC M4: a mistyped address is corrected at the email step, and the code goes to the new one
  'email-code': { EMAIL_CODE_VERIFIED: 'password', EMAIL_CHANGE_REQUESTED: 'email' },
  // SPEC M9: the address was taken by another flow while this one was at the password
  password: { PASSWORD_SET: 'done', EMAIL_TAKEN: 'email' },
  done: {},
};

/** Starts at the phone once the card details matched (G1). */
export const registration = defineFlow({
  kind: 'registration',
  base: paths.register,
  first: 'phone',
  steps: registrationSteps,
  // SPEC M6 ⑦-1: the SMS on arrival at the phone step; M4: the code emailed on arrival at the code step
  arrivals: { phone: 'send-first-sms', 'email-code': 'send-email-code' },
  // the card form before the flow is step 1
  before: 1,
  cancelledTo: `${paths.signIn}?flow=cancelled`,
});

/** Whose wrong codes and addresses are counted: the holder the card identified (SPEC M6a, S2). */
export const holderOf = (flow: { holderId: number | null }) => `holder:${flow.holderId ?? 0}` as const;

// SPEC R1–R3 as data: (My ID typed at R1) → email code → phone code → new password → done.
import { paths } from '../../paths.js';
import { defineFlow } from '../flow.js';
import type { StepTable } from '../machine.js';

export type ResetStep = 'email-code' | 'phone' | 'password' | 'done';
export type ResetEvent = 'EMAIL_CODE_VERIFIED' | 'PHONE_CODE_VERIFIED' | 'PASSWORD_SET';

export const resetSteps: StepTable<ResetStep, ResetEvent> = {
  'email-code': { EMAIL_CODE_VERIFIED: 'phone' },
  phone: { PHONE_CODE_VERIFIED: 'password' },
  password: { PASSWORD_SET: 'done' },
  done: {},
};

export const reset = defineFlow({
  kind: 'reset',
  base: paths.reset,
  first: 'email-code',
  steps: resetSteps,
  // SPEC R1: the code goes (or, for an unknown address, is recorded) as the flow starts; M6 ⑦-1: the SMS on arrival
  arrivals: { 'email-code': 'send-email-code', phone: 'send-first-sms' },
  // the address form before the flow is step 1
  before: 1,
  cancelledTo: `${paths.signIn}?flow=cancelled`,
});

// SPEC R1–R3 as data: email code → phone code → new password → done.
import type { StepTable } from '../machine.js';

export type ResetStep = 'email-code' | 'phone' | 'password' | 'done';
export type ResetEvent = 'EMAIL_CODE_VERIFIED' | 'PHONE_CODE_VERIFIED' | 'PASSWORD_SET';

export const RESET_FIRST_STEP: ResetStep = 'email-code';

export const resetSteps: StepTable<ResetStep, ResetEvent> = {
  'email-code': { EMAIL_CODE_VERIFIED: 'phone' },
  phone: { PHONE_CODE_VERIFIED: 'password' },
  password: { PASSWORD_SET: 'done' },
  done: {},
};

/** Step numbers for "ステップ n/5"; the address form before the flow is step 1. */
export const resetStepNumber: Record<ResetStep | 'start', number> = { start: 1, 'email-code': 2, phone: 3, password: 4, done: 5 };
export const RESET_TOTAL_STEPS = 5;

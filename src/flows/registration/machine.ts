// SPEC G1–G2 as data: (card + birth date) → phone code → terms → new email → email code → password → done.
import type { StepTable } from '../machine.js';

export type RegistrationStep = 'phone' | 'terms' | 'email' | 'email-code' | 'password' | 'done';
export type RegistrationEvent = 'PHONE_CODE_VERIFIED' | 'TERMS_ACCEPTED' | 'EMAIL_CHOSEN' | 'EMAIL_CODE_VERIFIED' | 'EMAIL_CHANGE_REQUESTED' | 'PASSWORD_SET' | 'EMAIL_TAKEN';

/** The step a flow starts at once the card details matched (G1). */
export const REGISTRATION_FIRST_STEP: RegistrationStep = 'phone';

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

/** Step numbers for "ステップ n/7"; the card form before the flow is step 1. */
export const registrationStepNumber: Record<RegistrationStep | 'start', number> = { start: 1, phone: 2, terms: 3, email: 4, 'email-code': 5, password: 6, done: 7 };
export const REGISTRATION_TOTAL_STEPS = 7;

// SPEC M1–M9 as data: terms → keep the card's email or enter a new one → email code → confirm → phone code → password → done.
import type { StepTable } from '../machine.js';

export type MigrationStep = 'terms' | 'email-choice' | 'new-email' | 'email-code' | 'confirm-email' | 'phone' | 'password' | 'done';

export type MigrationEvent =
  | 'TERMS_ACCEPTED'
  | 'TERMS_ACCEPTED_WITHOUT_CARD_EMAIL'
  | 'CARD_EMAIL_KEPT'
  | 'CARD_EMAIL_TAKEN'
  | 'OTHER_EMAIL_CHOSEN'
  | 'EMAIL_ENTERED'
  | 'EMAIL_CODE_VERIFIED'
  | 'EMAIL_CHANGE_REQUESTED'
  | 'EMAIL_CONFIRMED'
  | 'PHONE_CODE_VERIFIED'
  | 'PASSWORD_SET'
  | 'EMAIL_TAKEN';

/** Sign-in (L3) starts every migration here. */
export const MIGRATION_FIRST_STEP: MigrationStep = 'terms';

export const migrationSteps: StepTable<MigrationStep, MigrationEvent> = {
  // SPEC M2: a card with no registered email goes straight to M3
  terms: { TERMS_ACCEPTED: 'email-choice', TERMS_ACCEPTED_WITHOUT_CARD_EMAIL: 'new-email' },
  // SPEC M2: はい on a free address needs no email code; はい on a taken one, or いいえ, asks for another
  'email-choice': { CARD_EMAIL_KEPT: 'phone', CARD_EMAIL_TAKEN: 'new-email', OTHER_EMAIL_CHOSEN: 'new-email' },
  'new-email': { EMAIL_ENTERED: 'email-code' },
  // SPEC M4: a mistyped address is corrected at M3, and the code goes to the new one
  'email-code': { EMAIL_CODE_VERIFIED: 'confirm-email', EMAIL_CHANGE_REQUESTED: 'new-email' },
  'confirm-email': { EMAIL_CONFIRMED: 'phone' },
  phone: { PHONE_CODE_VERIFIED: 'password' },
  // SPEC M9: another flow took the address while this one was at the password
  password: { PASSWORD_SET: 'done', EMAIL_TAKEN: 'new-email' },
  done: {},
};

/** "ステップ n/8" */
export const migrationStepNumber: Record<MigrationStep, number> = {
  terms: 1,
  'email-choice': 2,
  'new-email': 3,
  'email-code': 4,
  'confirm-email': 5,
  phone: 6,
  password: 7,
  done: 8,
};
export const MIGRATION_TOTAL_STEPS = 8;

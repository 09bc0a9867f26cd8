// SPEC M1–M9 as data: terms → keep the card's email or enter a new one → email code → confirm → phone code → password → done.
import { paths } from '../../paths.js';
import { defineFlow } from '../flow.js';
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

/** In the order of the guide's screens ②–⑨ (the report's funnel numbers them so). */
export const migrationSteps: StepTable<MigrationStep, MigrationEvent> = {
  // SPEC M2: a card with no registered email goes straight to M3
  terms: { TERMS_ACCEPTED: 'email-choice', TERMS_ACCEPTED_WITHOUT_CARD_EMAIL: 'new-email' },
  // SPEC M2: はい on a free address needs no email code; はい on a taken one, or いいえ, asks for another
  'email-choice': { CARD_EMAIL_KEPT: 'phone', CARD_EMAIL_TAKEN: 'new-email', OTHER_EMAIL_CHOSEN: 'new-email' },
  'new-email': { EMAIL_ENTERED: 'email-code' },
  // SPEC M4: a mistyped address is corrected at M3, and the code goes to the new one
  'email-code': { EMAIL_CODE_VERIFIED: 'confirm-email', EMAIL_CHANGE_REQUESTED: 'new-email' },
  // SPEC M5: 「メールアドレスを修正する」 goes back to M3 with the address filled in; いいえ still ends the flow
  'confirm-email': { EMAIL_CONFIRMED: 'phone', EMAIL_CHANGE_REQUESTED: 'new-email' },
  phone: { PHONE_CODE_VERIFIED: 'password' },
  // SPEC M9: another flow took the address while this one was at the password
  password: { PASSWORD_SET: 'done', EMAIL_TAKEN: 'new-email' },
  done: {},
};

/** Sign-in (L3) starts every migration at the terms. */
export const migration = defineFlow({
  kind: 'migration',
  base: paths.migration,
  first: 'terms',
  steps: migrationSteps,
  // SPEC M4: the code is emailed on arrival at M4; M6 ⑦-1: the SMS goes on arrival at the phone step
  arrivals: { 'email-code': 'send-email-code', phone: 'send-first-sms' },
  cancelledTo: `${paths.signIn}?flow=cancelled`,
});

/** Whose wrong codes and addresses a migration counts: the card's holder (SPEC M6a, S2). */
export const holderOf = (flow: { holderId: number | null }) => `holder:${flow.holderId ?? 0}` as const;

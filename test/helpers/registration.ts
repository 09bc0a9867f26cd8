// The new-My-ID tests' holder (two cards on an old My ID, a legacy ID, a phone) and the walk to each step of G (SPEC G1–G3).
import { expect } from 'vitest';
import type { browser, Harness } from './app.js';
import { codesTo, lastCode } from './codes.js';
import { addHolder } from './fixtures.js';

export const CARD = '4980123412345678';
export const OTHER_CARD = '4980123499990000';
export const BIRTH = '1979-11-03';
export const OLD_MY_ID = 'old-id@example.jp';
export const NEW_MY_ID = 'fresh@example.jp';
export const PASSWORD = 'Kawa!Nagare77';

type Browser = ReturnType<typeof browser>;

/** The holder the flow is walked for: two cards whose email is their old My ID, a legacy ID and a mobile. */
export const addMainHolder = (target: Harness) =>
  addHolder(target, {
    birthdate: BIRTH,
    phones: ['09033334444'],
    cards: [{ number: CARD, email: OLD_MY_ID }, { number: OTHER_CARD, email: OLD_MY_ID }],
    legacyId: 'oldnet01',
    legacyPassword: 'legacy-pass1',
    account: { email: OLD_MY_ID, password: 'Sakura#2025x', termsVersion: '2024-10' },
  });

/** G1: the card number (as a member may type it) and the birth date. */
export async function identify(b: Browser, card = '4980 1234-1234 5678', birthdate = BIRTH) {
  await b.get('/register');
  return b.post('/register', { card, birthdate });
}

/** G1, the SMS code and the terms: at the email step. */
export async function walkToEmail(h: Harness, b: Browser) {
  const res = await identify(b);
  expect(res.status).toBe(303);
  expect(res.location).toBe('/register/phone');
  const sms = (await codesTo(h, '09033334444'))[0];
  expect(sms.channel).toBe('sms');
  expect((await b.post('/register/phone', { code: sms.code! })).location).toBe('/register/terms');
  const terms = await b.get('/register/terms');
  expect(terms.body).toContain('同意して進む');
  expect(terms.body).toContain('ステップ 3/7');
  expect((await b.post('/register/terms', {})).location).toBe('/register/email');
}

/** On to the password step with `email` as the new My ID. */
export async function walkToPassword(h: Harness, b: Browser, email = NEW_MY_ID) {
  await walkToEmail(h, b);
  expect((await b.post('/register/email', { email })).location).toBe('/register/email-code');
  expect((await b.post('/register/email-code', { code: (await lastCode(h, email)) })).location).toBe('/register/password');
}

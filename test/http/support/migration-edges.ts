// The holders and walks the migration edge tests share (test/http/migration-*.test.ts): a mobile holder with a card email, an initial ID with landlines and no card email, a holder whose card email is taken.
import { beforeEach, expect } from 'vitest';
import { browser, makeHarness, type Harness } from '../../helpers/app.js';
import { addHolder } from '../../helpers/fixtures.js';
import { migrationSnapshot } from '../../helpers/snapshot.js';
import { walkTo } from '../../helpers/walk.js';

export const PASSWORD = 'Kawa!Nagare77';
export const CARD_EMAIL = 'taro.card@example.jp';
export const TAKEN = 'taken@example.jp';

export let h: Harness;
export type Holder = Awaited<ReturnType<typeof addHolder>>;
export type Browser = ReturnType<typeof browser>;
export let mobileHolder: Holder; // legacy ID, card email, mobile only, three cards (two with the card email)
export let landlineHolder: Holder; // initial ID, card without email, two landlines
export let bothHolder: Holder; // legacy ID, card email already a My ID, a landline and a mobile

beforeEach(async () => {
  h = await makeHarness({ TERMS_VERSION: '2025-04' });
  await addHolder(h, { account: { email: TAKEN, password: 'Sakura#2025x' } });
  mobileHolder = await addHolder(h, {
    phones: ['09011112222'],
    cards: [{ email: CARD_EMAIL }, { email: CARD_EMAIL }, { email: 'other.card@example.jp' }],
    legacyId: 'oldnet01',
    legacyPassword: 'legacy-pass1',
  });
  landlineHolder = await addHolder(h, {
    phones: ['0312345678', '0612345678'.replace(/^06/, '04')],
    cards: [{ email: null }],
    initialId: 'init0001',
    initialPassword: 'initial-pass1',
  });
  bothHolder = await addHolder(h, {
    phones: ['0451234567', '08055556666'],
    cards: [{ email: TAKEN }],
    legacyId: 'oldnet03',
    legacyPassword: 'legacy-pass3',
  });
});


export async function signIn(b: Browser, id: string, password: string) {
  await b.get('/login');
  return b.post('/login', { id, password });
}

export async function startMobile(b: Browser) {
  const res = await signIn(b, 'oldnet01', 'legacy-pass1');
  expect(res.status).toBe(303);
  expect(res.location).toBe('/migration/terms');
}

export const MOBILE = { id: 'oldnet01', password: 'legacy-pass1' };

export const walkKeepEmailToPassword = (b: Browser) => walkTo(h, 'migration', 'password', { b, ...MOBILE });

export const walkNewEmailToConfirm = (b: Browser, email: string) => walkTo(h, 'migration', 'confirm-email', { b, ...MOBILE, email });

export const snapshot = () => migrationSnapshot(h);

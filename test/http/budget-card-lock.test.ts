// SPEC S4: a G1 card-number lock lasts CARD_LOCK_SECONDS and a completed M, R or G for any card of the holder ends it early;
// S11: the lock emails the holder (My ID, else the card's email) with what, when and the support desk. No enumeration.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { GOOD_PASSWORD } from '../helpers/walk.js';
import { lastCode } from '../helpers/codes.js';

const CARD = '4980123412345678';
const OTHER_CARD = '4980123499998888';
const UNKNOWN_CARD = '4980000011112222';
const BIRTH = '1980-02-03';
const MY_ID = 'hanako@example.jp';
const LOCKED = '入力されたカード番号は、一定回数以上誤って入力されたためお手続きできません。';
const DAY = 86_400_000;

let h: Harness;
beforeEach(async () => {
  // the clock starts at 2025-01-15 10:00 in Tokyo
  h = await makeHarness();
  await addHolder(h, {
    birthdate: BIRTH,
    phones: ['09011112222'],
    cards: [{ number: CARD, email: 'card@example.jp' }, { number: OTHER_CARD, email: 'card@example.jp' }],
    account: { email: MY_ID, password: 'Sakura#2025x' },
  });
});

async function identify(card: string, birthdate: string) {
  const b = browser(h);
  await b.get('/register');
  const res = await b.post('/register', { card, birthdate });
  return { b, ...res };
}

async function lockCard(card: string) {
  const answers: string[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await identify(card, '1999-09-09');
    answers.push(`${r.status} ${r.body.includes(LOCKED) ? 'locked' : 'details'}`);
  }
  return answers;
}

const lockNotices = async () => (await h.outbox()).filter((m) => m.subject === '【My Card】カード番号ロックのお知らせ');

describe('S4 card-number lock', () => {
  it('locks at the fifth wrong birth date, says until when, and lasts CARD_LOCK_SECONDS, no longer', async () => {
    expect(await lockCard(CARD)).toEqual(['422 details', '422 details', '422 details', '422 details', '422 locked']);
    const right = await identify(CARD, BIRTH);
    expect(right.status).toBe(422);
    expect(right.body).toContain(LOCKED);
    expect(right.body).toContain('2025年1月16日 10:00（日本時間）以降に再度お手続きいただけます。');
    h.clock.advance(DAY - 1);
    expect((await identify(CARD, BIRTH)).status).toBe(422);
    h.clock.advance(1);
    expect((await identify(CARD, BIRTH)).location).toBe('/register/phone');
  });

  it('an unknown card number gets the same pages at the same points, and nobody is emailed', async () => {
    const known = await lockCard(CARD);
    const notices = (await lockNotices()).length;
    expect(await lockCard(UNKNOWN_CARD)).toEqual(known);
    const unknown = await identify(UNKNOWN_CARD, BIRTH);
    expect(unknown.status).toBe(422);
    expect(unknown.body).toContain('2025年1月16日 10:00（日本時間）以降');
    expect((await lockNotices())).toHaveLength(notices);
    h.clock.advance(DAY);
    expect((await identify(UNKNOWN_CARD, '1999-09-09')).body).not.toContain(LOCKED);
  });

  it('S11: the locking failure emails the holder’s My ID once, with what, when and the support desk', async () => {
    await lockCard(CARD);
    await identify(CARD, '1999-09-09');
    await new Promise((r) => setTimeout(r, 50));
    const notices = (await lockNotices());
    expect(notices).toHaveLength(1);
    expect(notices[0].to).toBe(MY_ID);
    expect(notices[0].text).toContain('5678');
    expect(notices[0].text).toContain('2025年1月15日 10:00');
    expect(notices[0].text).toContain('0120-000-000');
    expect(notices[0].text).toContain('9:00〜17:00');
    expect(notices[0].text).not.toContain(CARD);
  });

  it('S11: without a My ID the notice goes to the card’s registered email', async () => {
    await addHolder(h, { birthdate: BIRTH, cards: [{ number: '4980777788889999', email: 'only-card@example.jp' }] });
    await lockCard('4980777788889999');
    await new Promise((r) => setTimeout(r, 50));
    expect((await lockNotices()).map((m) => m.to)).toEqual(['only-card@example.jp']);
  });

  it('a completed password reset for the holder ends the lock of every card of the holder early', async () => {
    await lockCard(CARD);
    await lockCard(OTHER_CARD);
    const b = browser(h);
    await b.get('/reset');
    await b.post('/reset', { email: MY_ID });
    expect((await b.post('/reset/email-code', { code: (await lastCode(h, MY_ID)) })).location).toBe('/reset/phone');
    expect((await b.post('/reset/phone', { code: (await lastCode(h, '09011112222')) })).location).toBe('/reset/password');
    expect((await b.post('/reset/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/reset/done');
    expect((await identify(CARD, BIRTH)).location).toBe('/register/phone');
    expect((await identify(OTHER_CARD, BIRTH)).location).toBe('/register/phone');
  });

  it('a completed migration of one card ends the lock of the holder’s other card', async () => {
    await addHolder(h, { birthdate: BIRTH, phones: ['09055556666'], cards: [{ number: '4980333344445555', email: null }, { number: '4980333344446666', email: null }], legacyId: 'taro-01', legacyPassword: 'old-pass-1' });
    await lockCard('4980333344446666');
    const b = browser(h);
    expect((await b.post('/login', { id: 'taro-01', password: 'old-pass-1' })).location).toBe('/migration/terms');
    await b.post('/migration/terms', {});
    await b.post('/migration/new-email', { email: 'taro@example.jp' });
    await b.post('/migration/email-code', { code: (await lastCode(h, 'taro@example.jp')) });
    expect((await b.post('/migration/confirm-email', {})).location).toBe('/migration/phone');
    await b.post('/migration/phone', { code: (await lastCode(h, '09055556666')) });
    expect((await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/migration/done');
    expect((await identify('4980333344446666', BIRTH)).location).toBe('/register/phone');
  });
});

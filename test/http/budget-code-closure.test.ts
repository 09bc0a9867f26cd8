// SPEC S1: a closed code verification — what reopens it (a completed password reset of the holder's account), and its locks and
// closure meeting a known and an unknown reset address at the same points, only the holder told (L6: no enumeration oracle).
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { GOOD_PASSWORD } from '../helpers/walk.js';
import { lastCode } from '../helpers/codes.js';
import { BIRTH, budgetHelpers, CARD, expectClosedPage, MIN, PHONE } from '../helpers/code-budget.js';

let h: Harness;
let t0: number;
beforeEach(async () => {
  // the clock starts at 2025-01-15 10:00 in Tokyo
  h = await makeHarness();
  t0 = h.clock.now();
});

const { registrationPhone, spendTotal, audit, closureNotices } = budgetHelpers(() => ({ h, t0 }));

describe('S1 what reopens a closure', () => {
  it('a completed password reset (R) of the holder’s account reopens a G closure; the notice went to the My ID', async () => {
    await addHolder(h, { birthdate: BIRTH, phones: [PHONE], cards: [{ number: CARD, email: 'card@example.jp' }], account: { email: 'hanako@example.jp', password: 'Sakura#2025x' } });
    const { last } = await spendTotal(registrationPhone, '/register/phone');
    expectClosedPage(last.body);
    await new Promise((r) => setTimeout(r, 50));
    expect((await closureNotices()).map((m) => m.to)).toEqual(['hanako@example.jp']);
    expect((await closureNotices())[0].text).toContain('「My IDの作成」のお手続き');

    h.clock.advance(30 * MIN); // past M6a's half-hour lock of the 20th wrong code
    const r = browser(h);
    await r.get('/reset');
    await r.post('/reset', { email: 'hanako@example.jp' });
    expect((await r.post('/reset/email-code', { code: await lastCode(h, 'hanako@example.jp') })).location).toBe('/reset/phone');
    expect((await r.post('/reset/phone', { code: await lastCode(h, PHONE) })).location).toBe('/reset/password');
    expect((await r.post('/reset/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/reset/done');
    expect(await h.inspect.count('code_budget')).toBe(0); // G's closure and total are gone (R's right codes counted nothing)
    const reset = (await audit('password_reset'))[0];
    expect(reset.detail.reopened).toEqual(['holder:1/phone/registration']);

    const b = await registrationPhone();
    expect((await b.post('/register/phone', { code: await lastCode(h, PHONE) })).location).toBe('/register/terms');
  });
});

describe('S1 without an enumeration oracle', () => {
  it('reset for a known and an unknown address meets the same locks and closure at the same points; only the holder is told', async () => {
    await addHolder(h, { phones: [PHONE], cards: [{ email: 'card@example.jp' }], account: { email: 'hanako@example.jp', password: 'Sakura#2025x' } });
    const resetFor = (email: string) => async () => {
      const b = browser(h);
      await b.get('/reset');
      expect((await b.post('/reset', { email })).location).toBe('/reset/email-code');
      return b;
    };
    const known = await spendTotal(resetFor('hanako@example.jp'), '/reset/email-code', 'hanako@example.jp');
    h.clock.set(t0);
    const unknown = await spendTotal(resetFor('nobody@example.jp'), '/reset/email-code', 'nobody@example.jp');
    expect(unknown.rounds).toEqual(known.rounds);
    expect(unknown.last.status).toBe(known.last.status);
    expectClosedPage(known.last.body);
    expect(unknown.last.body.replaceAll('nobody@example.jp', 'X')).toBe(known.last.body.replaceAll('hanako@example.jp', 'X').replace(/name="csrf" value="[^"]+"/, unknown.last.body.match(/name="csrf" value="[^"]+"/)![0]));
    // R's closure page does not offer the reset as a way back, and only the real holder is emailed
    expect(known.last.body).not.toContain('パスワードを再設定されても');
    await new Promise((r) => setTimeout(r, 50));
    expect((await closureNotices()).map((m) => m.to)).toEqual(['hanako@example.jp']);
    expect((await audit('code_closed')).length).toBe(2);
  });
});

// SPEC S1: code guesses have a long memory — per holder/account, purpose and flow kind, CODE_MAX_FAILURES_PER_DAY in any
// rolling 24 hours and CODE_MAX_FAILURES_TOTAL in all (then closed, S11 notice, S10 code_closed). Issue 14's finding:
// a lock expiring gave 5 fresh guesses every CODE_LOCK_SECONDS for ever (about 10 an hour per holder).
// What reopens a closure, and closures without an enumeration oracle: budget-code-closure.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { GOOD_PASSWORD } from '../helpers/walk.js';
import { lastCode } from '../helpers/codes.js';
import { BIRTH, budgetHelpers, CARD, DAY, expectClosedPage, guess, LOCKED, MIN, PHONE } from '../helpers/code-budget.js';

let h: Harness;
let t0: number;
beforeEach(async () => {
  // the clock starts at 2025-01-15 10:00 in Tokyo
  h = await makeHarness();
  t0 = h.clock.now();
});

const { migrationPhone, registrationPhone, spendTotal, audit, closureNotices } = budgetHelpers(() => ({ h, t0 }));

describe('S1 code-guess budgets', () => {
  beforeEach(async () => {
    await addHolder(h, { legacyId: 'taro-01', legacyPassword: 'old-pass-1', birthdate: BIRTH, phones: [PHONE], cards: [{ number: CARD, email: 'card@example.jp' }] });
  });

  it('regression: the lock expiring no longer gives 5 fresh guesses — the 10th wrong code in 24 hours locks until the first is a day old', async () => {
    expect((await guess(await migrationPhone(), '/migration/phone', 5)).statuses).toEqual([422, 422, 422, 422, 429]);
    h.clock.set(t0 + 30 * MIN);
    const second = await guess(await migrationPhone(), '/migration/phone', 5);
    expect(second.statuses).toEqual([422, 422, 422, 422, 429]);
    expect(second.last.body).toContain(LOCKED);
    expect(second.last.body).toContain('ロックは2025年1月16日 10:00（日本時間）に解除されます。');

    // an hour on, the half-hour lock has long passed: still locked, nothing sent, nothing counted
    h.clock.set(t0 + 60 * MIN);
    const sends = (await h.outbox()).length;
    const b = await migrationPhone();
    const page = await b.get('/migration/phone');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>認証機能がロックされました</h1>');
    expect(page.body).toContain('2025年1月16日 10:00（日本時間）');
    expect(page.body).not.toContain('name="code"');
    expect(await h.outbox()).toHaveLength(sends);
    // no code went out, so a posted one is no code: back to the locked page
    expect((await b.post('/migration/phone', { code: '1234' })).location).toBe('/migration/phone');
    expect(await h.inspect.rows('code_budget')).toMatchObject([{ subject: 'holder:1', purpose: 'phone', kind: 'migration', total: 10, closedAt: null }]);
    expect(await h.inspect.count('code_failure_time')).toBe(10);
    // the first lock is M6a's half hour, the second the day's (it ends later)
    expect((await audit('code_locked')).map((r) => r.detail.budget)).toEqual(['lock', 'day']);

    // one ms before the first wrong code is a day old: locked; then open again, with a fresh SMS
    h.clock.set(t0 + DAY - 1);
    expect((await (await migrationPhone()).get('/migration/phone')).body).toContain('認証機能がロックされました');
    h.clock.set(t0 + DAY);
    const reopened = await migrationPhone();
    expect((await h.outbox())[0]).toMatchObject({ to: PHONE, channel: 'sms' });
    expect((await reopened.post('/migration/phone', { code: await lastCode(h, PHONE) })).location).toBe('/migration/password');
  });

  it('the 20th wrong code closes the verification: closure page with the support desk, code_closed, one notice to the card email; time does not reopen it', async () => {
    const { rounds, last } = await spendTotal(migrationPhone, '/migration/phone');
    expect(rounds).toEqual([
      [422, 422, 422, 422, 429],
      [422, 422, 422, 422, 429],
      [422, 422, 422, 422, 429],
      [422, 422, 422, 422, 429],
    ]);
    expect(last.status).toBe(429);
    expectClosedPage(last.body);
    expect(last.body).toContain('パスワードを再設定されても、このお手続きを再開できます');

    const closed = await audit('code_closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ subject: 'holder:1', detail: { purpose: 'phone', kind: 'migration', total: 20 } });
    expect(await h.inspect.rows('code_budget')).toMatchObject([{ total: 20, closedAt: h.clock.now() }]);
    await new Promise((r) => setTimeout(r, 50));
    const notices = await closureNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0].to).toBe('card@example.jp');
    expect(notices[0].text).toContain('「My IDへの移行」のお手続き');
    expect(notices[0].text).toContain('2025年1月16日 10:30');
    expect(notices[0].text).toContain('0120-000-000');
    expect(notices[0].text).toContain('9:00〜17:00');
    expect(notices[0].text).toContain('----- English -----');

    // 60 days later: still closed, no SMS, nothing counted, no second notice; in English too
    h.clock.set(t0 + 60 * DAY);
    const sends = (await h.outbox()).length;
    const b = await migrationPhone();
    expect(await h.outbox()).toHaveLength(sends);
    const page = await b.get('/migration/phone');
    expect(page.status).toBe(200);
    expectClosedPage(page.body);
    expect((await b.post('/migration/phone', { code: '1234' })).location).toBe('/migration/phone');
    expect(await h.inspect.rows('code_budget')).toMatchObject([{ total: 20 }]);
    expect(await closureNotices()).toHaveLength(1);
    const en = await b.get('/migration/phone?lang=en');
    expect(en.body).toContain('<h1>Verification has been stopped</h1>');
    expect(en.body).toContain('please call the support desk');
  });

  it('a closure in one flow kind never blocks another: after M closes, G for the same holder verifies the phone', async () => {
    await spendTotal(migrationPhone, '/migration/phone');
    // (the 20th wrong code was also M6a's 5th: that lock, per holder and purpose across flows, runs its half hour first)
    h.clock.advance(30 * MIN);
    const b = await registrationPhone();
    expect((await h.outbox())[0]).toMatchObject({ to: PHONE, channel: 'sms' });
    expect((await b.post('/register/phone', { code: await lastCode(h, PHONE) })).location).toBe('/register/terms');
    // the M closure is untouched by the G verification
    expect(await h.inspect.rows('code_budget')).toMatchObject([{ kind: 'migration', total: 20 }]);
  });

  it('a right code clears the day’s count and the per-lock count, never the total', async () => {
    const b = await migrationPhone();
    expect((await guess(b, '/migration/phone', 4)).statuses).toEqual([422, 422, 422, 422]);
    expect((await b.post('/migration/phone', { code: await lastCode(h, PHONE) })).location).toBe('/migration/password');
    expect(await h.inspect.rows('code_budget')).toMatchObject([{ total: 4, closedAt: null }]);
    expect(await h.inspect.count('code_failure_time')).toBe(0);
    expect(await h.inspect.count('code_failure')).toBe(0);
  });

  it('an honest member who mistypes a code twice meets no budget: no lock, no notice, and the migration completes', async () => {
    const b = await migrationPhone();
    expect((await guess(b, '/migration/phone', 2)).statuses).toEqual([422, 422]);
    expect((await b.post('/migration/phone', { code: await lastCode(h, PHONE) })).location).toBe('/migration/password');
    expect((await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/migration/done');
    expect(await audit('code_locked')).toHaveLength(0);
    expect(await audit('code_closed')).toHaveLength(0);
    expect(await closureNotices()).toHaveLength(0);
  });
});

describe('S1 start-up ordering', () => {
  it('settings where the budgets do not nest stop the server with one line naming the variable', async () => {
    const { loadConfig } = await import('../../src/config.js');
    const base = { SECRET: 'x'.repeat(40) };
    expect(() => loadConfig({ ...base, CODE_MAX_FAILURES: '11' })).toThrow(/^Invalid setting CODE_MAX_FAILURES_PER_DAY: must be at least CODE_MAX_FAILURES \(11\) \(got "10"\)$/);
    expect(() => loadConfig({ ...base, CODE_MAX_FAILURES_TOTAL: '9' })).toThrow(/^Invalid setting CODE_MAX_FAILURES_TOTAL: must be at least CODE_MAX_FAILURES_PER_DAY \(10\) \(got "9"\)$/);
    expect(() => loadConfig({ ...base, CODE_MAX_FAILURES_PER_DAY: '0' })).toThrow(/^Invalid setting CODE_MAX_FAILURES_PER_DAY: must be at least 1/);
    expect(loadConfig({ ...base, CODE_MAX_FAILURES: '5', CODE_MAX_FAILURES_PER_DAY: '5', CODE_MAX_FAILURES_TOTAL: '5' }).CODE_MAX_FAILURES_TOTAL).toBe(5);
    expect(loadConfig(base)).toMatchObject({ CODE_MAX_FAILURES_PER_DAY: 10, CODE_MAX_FAILURES_TOTAL: 20 });
  });
});

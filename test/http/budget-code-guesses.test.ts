// SPEC S1: code guesses have a long memory — per holder/account, purpose and flow kind, CODE_MAX_FAILURES_PER_DAY in any
// rolling 24 hours and CODE_MAX_FAILURES_TOTAL in all (then closed, S11 notice, S10 code_closed). Issue 14's finding:
// a lock expiring gave 5 fresh guesses every CODE_LOCK_SECONDS for ever (about 10 an hour per holder).
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { GOOD_PASSWORD, startMigration, type Browser } from '../helpers/walk.js';
import { lastCode, WRONG_CODE } from '../helpers/codes.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const PHONE = '09011112222';
const CARD = '4980123412345678';
const BIRTH = '1980-02-03';
const LOCKED = '一定回数以上入力に誤りがあったため、認証機能がロックされました。';
const CLOSED = '一定回数以上入力に誤りがあったため、このお手続きの認証機能を停止しました。お手続きを再開するには、サポートデスクにお電話ください。';
const DESK = 'サポートデスク（0120-000-000、受付時間 9:00〜17:00）';

let h: Harness;
let t0: number;
beforeEach(async () => {
  // the clock starts at 2025-01-15 10:00 in Tokyo
  h = await makeHarness();
  t0 = h.clock.now();
});

/** A code never sent to anyone (the harness's codes are a sequence that skips it). */
async function wrongCode(_to = PHONE): Promise<string> {
  return WRONG_CODE;
}

/** Posts `n` wrong codes at `url`; the statuses and the last answer. */
async function guess(b: Browser, url: string, n: number, to = PHONE) {
  const statuses: number[] = [];
  let last = { status: 0, body: '' };
  for (let i = 0; i < n; i++) {
    last = await b.post(url, { code: await wrongCode(to) });
    statuses.push(last.status);
  }
  return { statuses, last };
}

/** M up to the phone step (the SMS goes on arrival unless the verification is locked or closed). */
async function migrationPhone(): Promise<Browser> {
  const { b } = await startMigration(h, 'taro-01', 'old-pass-1');
  expect((await b.post('/migration/email-choice', { choice: 'yes' })).location).toBe('/migration/phone');
  return b;
}

/** G up to the phone step. */
async function registrationPhone(): Promise<Browser> {
  const b = browser(h);
  await b.get('/register');
  expect((await b.post('/register', { card: CARD, birthdate: BIRTH })).location).toBe('/register/phone');
  return b;
}

/**
 * The default budgets spent in a flow kind, one fresh flow per round: 5 wrong (M6a lock), 30 min later 5 more (the day's 10:
 * locked until the first is 24 h old), a day later 5 more, then 5 more — the 20th closes it. Returns every round's statuses.
 */
async function spendTotal(start: () => Promise<Browser>, url: string, to = PHONE) {
  const rounds: number[][] = [];
  const at = [t0, t0 + 30 * MIN, t0 + DAY + 1, t0 + DAY + 30 * MIN + 2];
  let last = { status: 0, body: '' };
  for (const time of at) {
    h.clock.set(time);
    const r = await guess(await start(), url, 5, to);
    rounds.push(r.statuses);
    last = r.last;
  }
  return { rounds, last };
}

function expectClosedPage(body: string) {
  expect(body).toContain('<h1>認証機能を停止しました</h1>');
  expect(body).toContain(CLOSED);
  expect(body).toContain(DESK);
  expect(body).not.toContain('name="code"');
  expect(body).not.toContain('認証コードを再送信する');
  expect(body).not.toContain('に解除されます');
}

const audit = async (event: string) => (await h.inspect.rows('audit_log')).filter((r) => r.event === event).map((r) => ({ ...r, detail: JSON.parse(r.detail ?? '{}') as Record<string, unknown> }));
const closureNotices = async () => (await h.outbox()).filter((m) => m.subject === '【My Card】認証機能停止のお知らせ');

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

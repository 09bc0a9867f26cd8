// The code-guess budget tests' material (SPEC S1): the clock's units, the holder's phone, card and birth date, the lock and closure
// texts, and the shorthands — wrong codes posted, M and G walked to the phone step, the default budgets spent to a closure — over the
// harness and start time of the test running now (as codeHelpers in code-bed.ts).
import { expect } from 'vitest';
import { browser, type Harness } from './app.js';
import { startMigration, type Browser } from './walk.js';
import { WRONG_CODE } from './codes.js';

export const MIN = 60_000;
export const DAY = 24 * 60 * MIN;
export const PHONE = '09011112222';
export const CARD = '4980123412345678';
export const BIRTH = '1980-02-03';
export const LOCKED = '一定回数以上入力に誤りがあったため、認証機能がロックされました。';
export const CLOSED = '一定回数以上入力に誤りがあったため、このお手続きの認証機能を停止しました。お手続きを再開するには、サポートデスクにお電話ください。';
export const DESK = 'サポートデスク（0120-000-000、受付時間 9:00〜17:00）';

/** A code never sent to anyone (the harness's codes are a sequence that skips it). */
async function wrongCode(_to = PHONE): Promise<string> {
  return WRONG_CODE;
}

/** Posts `n` wrong codes at `url`; the statuses and the last answer. */
export async function guess(b: Browser, url: string, n: number, to = PHONE) {
  const statuses: number[] = [];
  let last = { status: 0, body: '' };
  for (let i = 0; i < n; i++) {
    last = await b.post(url, { code: await wrongCode(to) });
    statuses.push(last.status);
  }
  return { statuses, last };
}

export function expectClosedPage(body: string) {
  expect(body).toContain('<h1>認証機能を停止しました</h1>');
  expect(body).toContain(CLOSED);
  expect(body).toContain(DESK);
  expect(body).not.toContain('name="code"');
  expect(body).not.toContain('認証コードを再送信する');
  expect(body).not.toContain('に解除されます');
}

/** The shorthands over `current()`: the harness of the test running now and the time its clock started at. */
export function budgetHelpers(current: () => { h: Harness; t0: number }) {
  /** M up to the phone step (the SMS goes on arrival unless the verification is locked or closed). */
  async function migrationPhone(): Promise<Browser> {
    const { b } = await startMigration(current().h, 'taro-01', 'old-pass-1');
    expect((await b.post('/migration/email-choice', { choice: 'yes' })).location).toBe('/migration/phone');
    return b;
  }

  /** G up to the phone step. */
  async function registrationPhone(): Promise<Browser> {
    const b = browser(current().h);
    await b.get('/register');
    expect((await b.post('/register', { card: CARD, birthdate: BIRTH })).location).toBe('/register/phone');
    return b;
  }

  /**
   * The default budgets spent in a flow kind, one fresh flow per round: 5 wrong (M6a lock), 30 min later 5 more (the day's 10:
   * locked until the first is 24 h old), a day later 5 more, then 5 more — the 20th closes it. Returns every round's statuses.
   */
  async function spendTotal(start: () => Promise<Browser>, url: string, to = PHONE) {
    const { h, t0 } = current();
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

  const audit = async (event: string) => (await current().h.inspect.rows('audit_log')).filter((r) => r.event === event).map((r) => ({ ...r, detail: JSON.parse(r.detail ?? '{}') as Record<string, unknown> }));
  const closureNotices = async () => (await current().h.outbox()).filter((m) => m.subject === '【My Card】認証機能停止のお知らせ');
  return { migrationPhone, registrationPhone, spendTotal, audit, closureNotices };
}

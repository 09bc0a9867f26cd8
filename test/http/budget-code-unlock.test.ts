// SPEC S1/O6: `npm run unlock` reopens a verification S1 closed (and ends the rolling day's lock): it says so, audits it,
// tells the holder, and the holder can verify again; without any lock or closure it changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClock } from '../../src/auth/clock.js';
import { main } from '../../src/cli/unlock.js';
import { sharedHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { startMigration } from '../helpers/walk.js';
import { lastCode, WRONG_CODE } from '../helpers/codes.js';

const PHONE = '09011112222';
const MIN = 60_000;
let h: Harness;
let env: Record<string, string>;

beforeEach(async () => {
  // the unlock command runs on the system clock: the portal's fake clock starts there too; it opens the run's dialect's database
  ({ h, env } = await sharedHarness({}, fakeClock(Date.now())));
});
afterEach(() => h.close());

async function phoneStep() {
  const { b } = await startMigration(h, 'taro-01', 'old-pass-1');
  await b.post('/migration/email-choice', { choice: 'yes' });
  return b;
}

/** Five wrong codes in a fresh flow; the last answer. */
async function fiveWrong() {
  const b = await phoneStep();
  let last = { status: 0, body: '' };
  for (let i = 0; i < 5; i++) last = await b.post('/migration/phone', { code: WRONG_CODE });
  return last;
}

async function runUnlock(args: string[]) {
  const lines: string[] = [];
  const log = console.log;
  console.log = (l: string) => void lines.push(l);
  try {
    return { code: await main(args, env), lines };
  } finally {
    console.log = log;
  }
}

describe('S1 closure and npm run unlock', () => {
  it('reopens a closed verification: printed, audited with the reason, the holder told, and the phone verifies again', async () => {
    await addHolder(h, { legacyId: 'taro-01', legacyPassword: 'old-pass-1', phones: [PHONE], cards: [{ email: 'card@example.jp' }] });
    for (const [i, gap] of [0, 30, 24 * 60 + 1, 31].entries()) {
      h.clock.advance(gap * MIN);
      const last = await fiveWrong();
      expect(last.status, `round ${i}`).toBe(429);
    }
    expect((await (await phoneStep()).get('/migration/phone')).body).toContain('認証機能を停止しました');
    h.clock.advance(31 * MIN);

    const out = await runUnlock(['taro-01', '--reason', 'called in, identity checked, ticket 7']);
    expect(out.code).toBe(0);
    expect(out.lines).toContain('ID taro-01: closed verification holder:1/phone/migration (S1) reopened');
    const row = (await h.inspect.rows('audit_log')).find((r) => r.event === 'operator_unlock')!;
    expect(JSON.parse(row.detail!)).toMatchObject({ reason: 'called in, identity checked, ticket 7', verificationsReopened: ['holder:1/phone/migration'] });
    expect(await h.inspect.count('code_budget')).toBe(0);
    const notice = (await h.outbox()).find((m) => m.subject === '【My Card】ロック解除のお知らせ')!;
    expect(notice.to).toBe('card@example.jp');
    expect(notice.text).toContain('停止していた認証機能を再開しました');

    const b = await phoneStep();
    expect((await b.post('/migration/phone', { code: await lastCode(h, PHONE) })).location).toBe('/migration/password');
  });

  it('ends the rolling day’s lock too, naming it; nothing locked or closed is one line and exit 1', async () => {
    await addHolder(h, { legacyId: 'taro-01', legacyPassword: 'old-pass-1', phones: [PHONE], cards: [{ email: 'card@example.jp' }] });
    await expect(runUnlock(['taro-01', '--reason', 'r'])).rejects.toThrow('ID taro-01: not locked, and no code lock of its holder is running (nothing changed)');
    await fiveWrong();
    h.clock.advance(30 * MIN);
    await fiveWrong();
    h.clock.advance(31 * MIN); // M6a's lock is over; the day's runs
    expect((await (await phoneStep()).get('/migration/phone')).body).toContain('認証機能がロックされました');
    const out = await runUnlock(['taro-01', '--reason', 'r']);
    expect(out.lines).toContain('ID taro-01: code lock holder:1/phone/migration (day) (S1) ended');
    expect(await h.inspect.count('code_failure_time')).toBe(0);
    expect(await h.inspect.rows('code_budget')).toMatchObject([{ total: 10, closedAt: null }]); // the total is kept
    const b = await phoneStep();
    expect((await b.post('/migration/phone', { code: await lastCode(h, PHONE) })).location).toBe('/migration/password');
  });
});

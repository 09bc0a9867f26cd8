// SPEC O6: `npm run unlock` as the support desk runs it, against a database a portal is using: the lock ends, sign-in works,
// the holder gets the notice, the audit row holds the reason; an unknown or unlocked ID is one line and exit 1.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeClock } from '../../src/auth/clock.js';
import { testConfig } from '../../src/config.js';
import { readOutbox } from '../support/outbox.js';
import { browser, fileHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { ROOT } from '../support/portal-process.js';
import { startMigration } from '../helpers/walk.js';
import { lastCode, WRONG_CODES } from '../helpers/codes.js';

const dir = mkdtempSync(join(tmpdir(), 'unlock-cli-'));
const config = testConfig({ DATABASE_FILE: join(dir, 'app.db'), CODE_MAX_FAILURES: '3', IP_MAX_FAILURES: '1000' });
const env = { PATH: process.env.PATH ?? '', DATABASE_FILE: config.DATABASE_FILE, SECRET: config.SECRET, SEED_DEMO: 'false', SUPPORT_PHONE: '0120-111-222' };
let h: Harness;

function unlock(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/cli/unlock.ts', ...args], { cwd: ROOT, env, timeout: 60_000 }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? '');
  });
}

const lockWith = async (id: string) => {
  const b = browser(h);
  for (let i = 0; i < 5; i++) await b.post('/login', { id, password: `Wrong#${i}x` });
};

beforeAll(async () => {
  h = fileHarness(config, fakeClock(Date.now()));
});

describe('O6 npm run unlock', () => {
  it('a My ID: the lock ends, sign-in works, the notice is in the outbox and the audit row has the reason', async () => {
    await addHolder(h, { account: { email: 'locked.member@example.jp', password: 'Right#Pass12' } });
    await lockWith('locked.member@example.jp');
    expect((await browser(h).post('/login', { id: 'locked.member@example.jp', password: 'Right#Pass12' })).body).toContain('IDが無効となっています');
    const out = await unlock(['Locked.Member@example.jp', '--reason', 'caller verified by birth date, ticket 42']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('My ID locked.member@example.jp: sign-in lock (L5) ended');
    expect(out.stdout).toContain('notice: to l************@e******.jp, stored in the outbox');
    expect((await browser(h).post('/login', { id: 'locked.member@example.jp', password: 'Right#Pass12' })).location).toBe('/top');
    const notice = (await readOutbox(config.DATABASE_FILE)).find((m) => m.to === 'locked.member@example.jp')!;
    expect(notice.subject).toBe('【My Card】ロック解除のお知らせ');
    expect(notice.text).toContain('ロックを解除しました');
    expect(notice.text).toContain('0120-111-222');
    expect(notice.text.indexOf('----- English -----')).toBeGreaterThan(notice.text.indexOf('サポートデスク'));
    const audit = (await h.inspect.rows('audit_log')).filter((r) => r.event === 'operator_unlock');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail!)).toMatchObject({ reason: 'caller verified by birth date, ticket 42', what: 'my_id', signInLockEnded: true });
  });

  it('a legacy ID: ends its lock and the running code lock of the holder; the notice goes to the card email', async () => {
    await addHolder(h, { legacyId: 'legacy-locked', legacyPassword: 'old-pass-9', cards: [{ email: 'legacy.card@example.jp' }], phones: ['09033334444'] });
    const { b } = await startMigration(h, 'legacy-locked', 'old-pass-9');
    await b.post('/migration/email-choice', { choice: 'yes' });
    await b.get('/migration/phone');
    expect(await lastCode(h, '09033334444')).toMatch(/^\d{4}$/);
    for (const guess of WRONG_CODES.slice(0, 3)) await b.post('/migration/phone', { code: guess });
    expect((await h.inspect.rows('code_failure')).filter((r) => r.lockedUntil !== null)).toHaveLength(1);
    await lockWith('legacy-locked');
    const out = await unlock(['legacy-locked', '--reason', 'identity checked']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/ID legacy-locked: sign-in lock \(L5\) ended\nID legacy-locked: code lock holder:\d+\/phone \(M6a\) ended/);
    expect(await h.inspect.rows('code_failure')).toEqual([]);
    expect((await browser(h).post('/login', { id: 'legacy-locked', password: 'old-pass-9' })).location).toBe('/migration/terms');
    expect((await readOutbox(config.DATABASE_FILE))[0]).toMatchObject({ to: 'legacy.card@example.jp', subject: '【My Card】ロック解除のお知らせ' });
  });

  it('a card: the number comes from standard input, and G1 works again afterwards', async () => {
    await addHolder(h, { birthdate: '1985-04-12', cards: [{ number: '4980123400110017', email: 'card.holder@example.jp' }] });
    const b = browser(h);
    for (let i = 0; i < 5; i++) await b.post('/register', { card: '4980-1234-0011-0017', birthdate: `1990-01-0${i + 1}` });
    expect((await b.post('/register', { card: '4980123400110017', birthdate: '1985-04-12' })).status).toBe(422);
    expect((await unlock(['--card', '4980123400110017', '--reason', 'x'])).stderr.trim()).toBe('with --card the card number is read from standard input, never from the command line');
    const out = await unlock(['--card', '--reason', 'holder called, identity checked'], '４９８０ー1234-0011-0017\n');
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('card ending 0017: card-number lock (G1) ended');
    expect(out.stdout + out.stderr).not.toContain('4980123400110017');
    expect((await b.post('/register', { card: '4980 1234 0011 0017', birthdate: '1985-04-12' })).status).toBe(303);
    expect((await readOutbox(config.DATABASE_FILE)).find((m) => m.to === 'card.holder@example.jp')?.text).toContain('末尾0017のカード');
  });

  it('unknown, not locked, or no reason: one line and exit 1, nothing changed', async () => {
    const before = (await h.inspect.rows('audit_log')).filter((r) => r.event === 'operator_unlock').length;
    expect(await unlock(['nobody-here', '--reason', 'r'])).toMatchObject({ code: 1, stdout: '', stderr: 'ID nobody-here: not known (nothing changed)\n' });
    expect(await unlock(['--card', '--reason', 'r'], '4111111111111111')).toMatchObject({ code: 1, stderr: 'card ending 1111: not known (nothing changed)\n' });
    expect((await unlock(['locked.member@example.jp', '--reason', 'r'])).stderr).toBe('My ID locked.member@example.jp: not locked, and no code lock of its holder is running (nothing changed)\n');
    expect((await unlock(['locked.member@example.jp'])).stderr).toMatch(/^--reason is required/);
    expect((await unlock(['--card', '--reason', 'r'], 'abc')).stderr).toBe('the card number on standard input must be 12 to 19 digits (spaces and hyphens allowed)\n');
    expect((await h.inspect.rows('audit_log')).filter((r) => r.event === 'operator_unlock')).toHaveLength(before);
  });
});

// SPEC O10: a demo walked through, then `npm run demo:reset`, and the same demo can be walked again; any other data is refused.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { systemClock } from '../../src/auth/clock.js';
import { seedDemo } from '../../src/cli/seed-demo.js';
import { testConfig } from '../../src/config.js';
import { browser, fileHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { ROOT } from '../support/portal-process.js';
import { GOOD_PASSWORD, walkTo } from '../helpers/walk.js';
import { lastCode } from '../helpers/codes.js';

const run = promisify(execFile);

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'demo-reset-'));
  const config = testConfig({ DATABASE_FILE: join(dir, 'app.db') });
  const h = fileHarness(config, systemClock);
  const deps = h.deps;
  const env = { PATH: process.env.PATH ?? '', DATABASE_FILE: config.DATABASE_FILE, SECRET: config.SECRET };
  const reset = async () => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/demo-reset.ts'], { cwd: ROOT, env, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };
  return { h, deps, reset };
}

/** demo-sms (README): keep the card's email, SMS code, new password: done. */
async function walkDemoSms(h: Harness) {
  const b = await walkTo(h, 'migration', 'phone', { id: 'demo-sms', password: 'demo-pass-1' });
  await b.get('/migration/phone');
  expect((await b.post('/migration/phone', { code: (await lastCode(h, '09012345678')) })).location).toBe('/migration/password');
  expect((await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/migration/done');
}

describe('O10 npm run demo:reset', () => {
  it('after a demo walked through, puts the demo set back so it can be walked again', async () => {
    const { h, deps, reset } = setUp();
    await seedDemo(deps);
    await walkDemoSms(h);
    expect((await h.outbox()).length).toBeGreaterThan(0);
    expect((await browser(h).post('/login', { id: 'taro.yamada@example.jp', password: GOOD_PASSWORD })).location).toBe('/top');
    const out = await reset();
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^demo data set restored: 9 holder\(s\) removed, 9 holders, 12 cards, 2 accounts seeded/);
    // the demo outbox page listed the old codes: they go too
    expect(await h.outbox()).toEqual([]);
    expect(await h.inspect.count('audit_log')).toBe(0);
    // the migrated My ID is gone; demo-sms starts its migration again and completes it again
    expect((await browser(h).post('/login', { id: 'taro.yamada@example.jp', password: GOOD_PASSWORD })).status).toBe(422);
    await walkDemoSms(h);
    expect((await browser(h).post('/login', { id: 'locked@example.jp', password: 'Demo#2025lock' })).body).toContain('IDが無効となっています');
  });

  it('refuses with one line when the database holds anything but the demo set, and changes nothing', async () => {
    const { h, deps, reset } = setUp();
    await seedDemo(deps);
    await addHolder(h, { account: { email: 'real.customer@example.jp', password: 'Real#Pass123' } });
    const holders = await h.inspect.count('holder');
    const out = await reset();
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(`refusing: ${deps.config.DATABASE_FILE} holds data that is not the demo set (1 other holder(s), 1 account(s) of them); nothing was changed\n`);
    expect(await h.inspect.count('holder')).toBe(holders);
    expect(await h.inspect.count('account')).toBe(3);
  });
});

// SPEC Z4: every operator command works on PostgreSQL (DATABASE_URL + SECRET), and `npm run db:copy` moves a SQLite pilot —
// every row, id and the ability to sign in — into an empty PostgreSQL database, refusing one that is not empty.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, systemClock } from '../../src/auth/clock.js';
import { seedDemo } from '../../src/cli/seed-demo.js';
import { testConfig } from '../../src/config.js';
import type { TableName } from '../../src/db/contract.js';
import { browser, fileHarness, urlHarness, type Harness } from '../helpers/app.js';
import { createTestPgDatabase, testPgUrl } from '../helpers/stores.js';
import { ROOT } from '../support/portal-process.js';
import { readOutbox } from '../support/outbox.js';
import { GOOD_PASSWORD, startMigration } from '../helpers/walk.js';
import { lastCode } from '../helpers/codes.js';

const config = testConfig();
const dir = mkdtempSync(join(tmpdir(), 'pg-commands-'));

function run(command: string, args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(process.execPath, ['--import', 'tsx', `src/cli/${command}.ts`, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: dir, ...env }, timeout: 60_000 }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

/** demo-sms (README): keep the card's email, SMS code, new password: done. */
async function walkDemoSms(h: Harness) {
  const { b } = await startMigration(h, 'demo-sms', 'demo-pass-1');
  expect((await b.post('/migration/email-choice', { choice: 'yes' })).location).toBe('/migration/phone');
  await b.get('/migration/phone');
  expect((await b.post('/migration/phone', { code: await lastCode(h, '09012345678') })).location).toBe('/migration/password');
  expect((await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/migration/done');
}

// every table of the contract (a table added to it and not here fails to compile)
const TABLES = Object.keys({
  holder: 1, phone: 1, card: 1, credential: 1, account: 1, account_card: 1, session: 1, flow: 1, challenge: 1, code_failure: 1, code_budget: 1,
  code_failure_time: 1, address_submission: 1, sign_in_attempt: 1, address_throttle: 1, audit_log: 1, notice: 1, flow_summary: 1, outbox: 1,
} satisfies Record<TableName, 1>) as TableName[];

describe('Z4 npm run db:copy', () => {
  let source: Harness;
  let copied: Harness | undefined;
  const sqliteFile = join(dir, 'pilot.db');
  beforeAll(async () => {
    source = fileHarness(testConfig({ DATABASE_FILE: sqliteFile }), systemClock);
    await seedDemo(source.deps);
    await walkDemoSms(source);
    // SPEC S1/S2: budget rows (a closed verification, the day's wrong entries, submitted addresses) move with the rest
    const now = Date.now();
    await source.inspect.insert('code_budget', { subject: 'holder:2', purpose: 'phone', kind: 'registration', total: 20, closedAt: now, updatedAt: now });
    await source.inspect.insert('code_failure_time', { subject: 'holder:3', purpose: 'email', kind: 'migration', at: now });
    await source.inspect.insert('address_submission', { subject: 'holder:3', flowId: 1, at: now });
  });
  afterAll(async () => {
    await source.close();
    await copied?.close();
  });

  it('copies every row and id of a SQLite pilot into an empty PostgreSQL database, where its members sign in and new rows get new ids', async () => {
    const url = testPgUrl(await createTestPgDatabase());
    const out = await run('db-copy', ['--to', url], { DATABASE_FILE: sqliteFile, SECRET: config.SECRET });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^copied \d+ rows from .*pilot\.db to postgres:\/\/postgres@127\.0\.0\.1:\d+\/t_\d+_\d+: holder 9, phone \d+, card 12/);
    copied = await urlHarness(url, config, systemClock);
    for (const table of TABLES) expect(await copied.inspect.rows(table), table).toEqual(await source.inspect.rows(table));
    expect(await copied.inspect.count('account')).toBeGreaterThan(0);
    // the migrated member signs in on PostgreSQL with the password set on SQLite; the new session row gets the next id
    const signIn = await browser(copied).post('/login', { id: 'taro.yamada@example.jp', password: GOOD_PASSWORD });
    expect(signIn.location).toBe('/top');
    const sessions = await copied.inspect.rows('session');
    expect(sessions.at(-1)!.id).toBe(Math.max(0, ...(await source.inspect.rows('session')).map((s) => s.id)) + 1);
    expect(await copied.inspect.brokenForeignKeys()).toBe(0);
  });

  it('refuses a database that already holds rows, changing nothing', async () => {
    const url = testPgUrl(await createTestPgDatabase());
    expect((await run('db-copy', ['--to', url], { DATABASE_FILE: sqliteFile, SECRET: config.SECRET })).code).toBe(0);
    const again = await run('db-copy', ['--to', url], { DATABASE_FILE: sqliteFile, SECRET: config.SECRET });
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toMatch(/^refusing: postgres:\/\/.* is not empty \(holder, .*\); copy into a new, empty database\. Nothing was changed$/);
    const check = await urlHarness(url, config, systemClock);
    expect(await check.inspect.count('holder')).toBe(9);
    await check.close();
  });
});

describe('Z1/Z2 starting the server on PostgreSQL', () => {
  const startServer = (env: Record<string, string>) =>
    new Promise<{ code: number; stderr: string }>((done) =>
      execFile(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: dir, PORT: '0', ...env }, timeout: 60_000 }, (err, _out, stderr) =>
        done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
      ),
    );

  it('without SECRET stops at start with one line, creating no secret file', async () => {
    const out = await startServer({ DATABASE_URL: testPgUrl('nowhere'), DATABASE_FILE: join(dir, 'z2', 'app.db') });
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('Invalid setting SECRET: must be set when DATABASE_URL is (every instance must share it; a generated secret file is for one machine only)\n');
    expect(existsSync(join(dir, 'z2', 'secret'))).toBe(false);
  });

  it('a database it cannot open stops the start with one line, the password shown as ***', async () => {
    const out = await startServer({ DATABASE_URL: testPgUrl('no_such_db').replace('postgres@', 'postgres:hunter22@'), SECRET: config.SECRET });
    expect(out.code).toBe(1);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/^Cannot open the database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/no_such_db: database "no_such_db" does not exist/);
    expect(out.stderr).not.toContain('hunter22');
  });
});

describe('Z4 the operator commands on PostgreSQL', () => {
  let url: string;
  let env: Record<string, string>;
  let h: Harness;
  beforeAll(async () => {
    url = testPgUrl(await createTestPgDatabase());
    env = { DATABASE_URL: url, SECRET: config.SECRET };
    h = await urlHarness(url, config, fakeClock(Date.now()));
  });
  afterAll(() => h.close());

  it('Z2: DATABASE_URL without SECRET stops every command with one line', async () => {
    const out = await run('prune', [], { DATABASE_URL: url });
    expect(out.code).toBe(1);
    expect(out.stderr.trim()).toBe('Invalid setting SECRET: must be set when DATABASE_URL is (every instance must share it; a generated secret file is for one machine only)');
  });

  it('import, audit, unlock, report, prune, backup and demo:reset each do their work on the PostgreSQL database', async () => {
    const csv = join(dir, 'import.csv');
    writeFileSync(
      csv,
      'holder_key,name,name_kana,name_roman,birthdate,card_number,card_name,email,phones,legacy_id,legacy_password,initial_id,initial_password,my_id,my_password,payment_date,confirmed_amount,points\n' +
        'P1,山田 花子,ヤマダ ハナコ,HANAKO YAMADA,1990-01-02,4111111111111111,テストカード,hanako.my@example.jp,09011112222,pg-legacy,Legacy#pass1,,,hanako.my@example.jp,Member#pass1,2025-03-27,1000,10\n',
    );
    const imported = await run('import', [csv], env);
    expect(imported.stdout + imported.stderr).toContain('imported 1 holders, 1 cards, 1 phones, 1 legacy IDs, 0 initial IDs, 1 accounts');
    expect(await h.inspect.count('holder')).toBe(1);

    // five wrong passwords lock the My ID; unlock ends it, audits the reason and puts the notice in the outbox table
    const b = browser(h);
    for (let i = 0; i < 5; i++) await b.post('/login', { id: 'hanako.my@example.jp', password: `Wrong#${i}x` });
    const unlocked = await run('unlock', ['hanako.my@example.jp', '--reason', 'called back, ticket 7'], env);
    expect(unlocked.code, unlocked.stderr).toBe(0);
    expect(unlocked.stdout).toContain('sign-in lock (L5) ended');
    expect((await readOutbox(url))[0]).toMatchObject({ to: 'hanako.my@example.jp', subject: '【My Card】ロック解除のお知らせ' });
    expect((await browser(h).post('/login', { id: 'hanako.my@example.jp', password: 'Member#pass1' })).location).toBe('/top');

    const audit = await run('audit', ['--since', '1h', '--event', 'operator_unlock'], env);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain('called back, ticket 7');
    expect(audit.stderr).toContain('1 event(s) since');

    const reportFile = join(dir, 'report.html');
    const report = await run('report', ['--out', reportFile], env);
    expect(report.code, report.stderr).toBe(0);
    expect(existsSync(reportFile)).toBe(true);

    const prune = await run('prune', [], env);
    expect(prune.code, prune.stderr).toBe(0);
    expect(prune.stdout.split('\n')[0]).toBe('sessions: 0 removed');

    const dump = join(dir, 'portal.dump');
    const backup = await run('backup', [dump], env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^wrote .*portal\.dump: \d+ bytes, pg_dump custom format with (?:19|20) tables' data, readable by pg_restore/);

    // demo:reset refuses a database holding anything but the demo set
    const reset = await run('demo:reset'.replace(':', '-'), [], env);
    expect(reset.code).toBe(1);
    expect(reset.stderr).toMatch(/^refusing: postgres:\/\/postgres@.* holds data that is not the demo set \(1 other holder/);
    expect(await h.inspect.count('holder')).toBe(1);
  });

  it('demo:reset on a PostgreSQL demo puts the demo set back, ids from 1', async () => {
    const demoUrl = testPgUrl(await createTestPgDatabase());
    const demo = await urlHarness(demoUrl, config, systemClock);
    await seedDemo(demo.deps);
    await walkDemoSms(demo);
    const reset = await run('demo-reset', [], { DATABASE_URL: demoUrl, SECRET: config.SECRET });
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/^demo data set restored: 9 holder\(s\) removed, 9 holders, 12 cards, 2 accounts seeded/);
    expect((await demo.inspect.rows('holder'))[0].id).toBe(1);
    expect(await demo.outbox()).toEqual([]);
    await demo.close();
  });
});

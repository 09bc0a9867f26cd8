// SPEC X5: sign-in events land in the audit log, and an operator reads them with `npm run audit -- --since 1h`.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createApp } from '../../src/app.js';
import { identifierHash } from '../../src/auth/lockout.js';
import { fakeClock } from '../../src/auth/clock.js';
import { argon2Verifier } from '../../src/auth/password.js';
import { formatAuditLine, parseSince } from '../../src/cli/audit.js';
import { testConfig } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { ORIGIN } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { sequentialCodes } from '../helpers/codes.js';
import { openTestDatabase } from '../helpers/stores.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
const env = { ...process.env, DATABASE_FILE: join(dir, 'app.db'), SECRET: testConfig().SECRET, NODE_ENV: 'test' };
let accountId = 0;

/** `npm run audit -- …` as an operator types it; resolves with the exit code, stdout and stderr. */
async function audit(...args: string[]) {
  try {
    const { stdout, stderr } = await run('npm', ['run', '-s', 'audit', '--', ...args], { cwd: root, env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  const config = testConfig({ DATABASE_FILE: env.DATABASE_FILE, LOGIN_MAX_FAILURES: '2', IP_MAX_FAILURES: '3', TRUST_PROXY: 'true' });
  const clock = fakeClock(Date.now() - 2 * 3_600_000);
  const db = openTestDatabase(config.DATABASE_FILE);
  const deps: Deps = { config, stores: db.stores, clock, newCode: sequentialCodes(), passwords: argon2Verifier };
  const app = createApp(deps);
  const login = async (id: string, password: string, address: string) => {
    const page = await app.request('/login');
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1];
    await app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie, 'x-forwarded-for': address },
      body: new URLSearchParams({ csrf, id, password }).toString(),
    });
  };
  accountId = (await addHolder({ deps, inspect: db.inspect }, { account: { email: 'hanako@example.jp', password: 'Sakura#2025x' } })).account!.id;
  await login('old@example.jp', 'wrong', '198.51.100.9'); // two hours ago: outside --since 1h
  clock.set(Date.now() - 10 * 60_000);
  await login('hanako@example.jp', 'Sakura#2025x', '203.0.113.1');
  await login('nobody@example.jp', 'wrong-1', '203.0.113.2');
  await login('nobody@example.jp', 'wrong-2', '203.0.113.2');
  await login('nobody@example.jp', 'wrong-3', '203.0.113.2');
  await login('nobody@example.jp', 'wrong-4', '203.0.113.2');
  await db.close();
});

describe('X5 npm run audit', () => {
  it('--since 1h prints one line per sign-in event of the last hour, with time, event, account or hashed identifier and address', async () => {
    const { code, stdout, stderr } = await audit('--since', '1h');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    const nobody = identifierHash(env.SECRET, 'nobody@example.jp');
    expect(lines.map((l) => l.split(' ')[1])).toEqual([
      'sign_in_succeeded',
      'sign_in_failed',
      'sign_in_failed',
      'sign_in_locked',
      'sign_in_failed',
      'sign_in_throttled',
    ]);
    expect(lines[0]).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z sign_in_succeeded account=${accountId} subject=\\S+ address=203\\.0\\.113\\.1`));
    expect(lines[1]).toContain(`account=- subject=${nobody} address=203.0.113.2 reason=password failures=1`);
    expect(lines[3]).toContain(`subject=${nobody} address=203.0.113.2 failures=2`);
    expect(lines[4]).toContain('reason=locked');
    expect(stdout).not.toContain('nobody@example.jp');
    expect(stdout).not.toContain('198.51.100.9');
    expect(stderr).toContain('6 event(s) since');
  });

  it('--since 3h reaches the older event; --event and --id narrow the list', async () => {
    expect((await audit('--since', '3h')).stdout).toContain('address=198.51.100.9');
    const locked = await audit('--since', '3h', '--event', 'sign_in_locked');
    expect(locked.stdout.trim().split('\n')).toHaveLength(1);
    const byId = await audit('--since', '3h', '--id', ' NOBODY@example.jp ');
    expect(byId.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('refuses a --since it cannot read, and a missing database, with exit code 1', async () => {
    const bad = await audit('--since', 'yesterday');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('use 30m, 1h, 2d or an ISO time');
    const missing = await run('npm', ['run', '-s', 'audit'], { cwd: root, env: { ...env, DATABASE_FILE: join(dir, 'none.db') } }).catch((e) => e);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no database at');
  });

  it('refuses --id without the server secret, after saying a database is missing, and makes no secret file', async () => {
    const noSecret: NodeJS.ProcessEnv = { ...env };
    delete noSecret.SECRET;
    const refused = await run('npm', ['run', '-s', 'audit', '--', '--id', 'nobody@example.jp'], { cwd: root, env: noSecret }).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--id needs the server secret: set SECRET or keep the secret file next to the database');
    expect(existsSync(join(dir, 'secret'))).toBe(false);
    const missing = await run('npm', ['run', '-s', 'audit', '--', '--id', 'nobody@example.jp'], { cwd: root, env: { ...noSecret, DATABASE_FILE: join(dir, 'none', 'app.db') } }).catch((e) => e);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no database at');
  });
});

describe('audit CLI pieces', () => {
  const now = Date.UTC(2025, 0, 15, 1, 0, 0);
  it.each([
    ['30m', now - 30 * 60_000],
    ['1h', now - 3_600_000],
    ['2d', now - 2 * 86_400_000],
    ['2025-01-15T10:00:00+09:00', now],
    ['2025-01-14', Date.UTC(2025, 0, 14)],
  ])('--since %s', (arg, expected) => expect(parseSince(arg, now)).toBe(expected));

  it.each(['1w', 'h1', '', 'yesterday', '2025-13-45'])('rejects --since %j', (arg) => expect(parseSince(arg, now)).toBeUndefined());

  it('formats missing fields as - and details as key=value', () => {
    expect(formatAuditLine({ at: now, event: 'code_sent', accountId: 3, subject: null, address: null, detail: '{"purpose":"email","flowId":9}' })).toBe(
      '2025-01-15T01:00:00.000Z code_sent account=3 subject=- address=- purpose=email flowId=9',
    );
  });
});

// SPEC O7: the migration progress report's numbers against a data set made for it, agreeing with the audit log;
// its HTML valid (html-validate, the project's rules), self-contained: no script, no external URL.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { fakeClock } from '../../src/auth/clock.js';
import { testConfig } from '../../src/config.js';
import { pruneNow } from '../../src/ops/prune.js';
import { buildReport, type Report } from '../../src/report/model.js';
import { browser, fileHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { ROOT } from '../support/portal-process.js';
import { GOOD_PASSWORD, startMigration } from '../helpers/walk.js';
import { lastCode, WRONG_CODES } from '../helpers/codes.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'report-'));
const outbox = join(dir, 'outbox.jsonl');
const config = testConfig({ DATABASE_FILE: join(dir, 'app.db'), OUTBOX_FILE: outbox, CODE_MAX_FAILURES: '3' });
const env = { PATH: process.env.PATH ?? '', DATABASE_FILE: config.DATABASE_FILE, OUTBOX_FILE: outbox, SECRET: config.SECRET };
const clock = fakeClock(Date.now() - 2 * 3_600_000);
let h: Harness;
let report: Report;

async function wrongCodes(b: Awaited<ReturnType<typeof startMigration>>['b'], phone: string, n: number) {
  expect(await lastCode(h, phone)).toMatch(/^\d{4}$/);
  for (const guess of WRONG_CODES.slice(0, n)) await b.post('/migration/phone', { code: guess });
}

beforeAll(async () => {
  h = fileHarness(config, clock);
  const deps = h.deps;
  // A completes; B cancels at the email choice; C is left at the phone step with its code locked; D was migrated at import (2 cards)
  await addHolder(h, { legacyId: 'rep-a', legacyPassword: 'pass-a-1', cards: [{ email: 'a@example.jp' }], phones: ['09010000001'] });
  await addHolder(h, { legacyId: 'rep-b', legacyPassword: 'pass-b-1' });
  await addHolder(h, { legacyId: 'rep-c', legacyPassword: 'pass-c-1', phones: ['09010000003'] });
  await addHolder(h, { cards: [{}, {}], account: { email: 'd@example.jp', password: 'D#pass-1234' } });
  const a = (await startMigration(h, 'rep-a', 'pass-a-1')).b;
  await a.post('/migration/email-choice', { choice: 'yes' });
  await a.get('/migration/phone');
  await a.post('/migration/phone', { code: (await lastCode(h, '09010000001')) });
  expect((await a.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/migration/done');
  await (await startMigration(h, 'rep-b', 'pass-b-1')).b.post('/migration/cancel', {});
  const c = (await startMigration(h, 'rep-c', 'pass-c-1')).b;
  await c.post('/migration/email-choice', { choice: 'yes' });
  await c.get('/migration/phone');
  await wrongCodes(c, '09010000003', 3);
  const stranger = browser(h);
  for (let i = 0; i < 5; i++) await stranger.post('/login', { id: 'ghost-x', password: `nope-${i}` });
  // a day later (S3 counts migration starts for 24 hours) the three flows are pruned into summaries; then E starts and is still going
  clock.advance(25 * 60 * 60_000);
  expect((await pruneNow(deps)).flows).toBe(3);
  await addHolder(h, { legacyId: 'rep-e', legacyPassword: 'pass-e-1' });
  await startMigration(h, 'rep-e', 'pass-e-1');
  report = await buildReport(deps.stores, clock.now(), 14);
});

describe('O7 the report', () => {
  it('counts the data set', () => {
    expect(report).toMatchObject({ holders: 5, cards: 6, migratedHolders: 2, migratedCards: 3 });
    expect(report.flows).toEqual({ started: 4, completed: 1, cancelled: 1, expired: 1, inProgress: 1 });
    expect(report.funnel.find((f) => f.step === 'email-choice')).toMatchObject({ cancelled: 1, expired: 0, inProgress: 1 });
    expect(report.funnel.find((f) => f.step === 'phone')).toMatchObject({ cancelled: 0, expired: 1, inProgress: 0 });
    expect(report.funnel.filter((f) => !['email-choice', 'phone'].includes(f.step)).every((f) => f.cancelled + f.expired + f.inProgress === 0)).toBe(true);
    expect(report.totals).toEqual({ completed: 1, signInLocks: 1, codeLocks: 1, deliveryFailures: 0 });
    expect(report.days).toHaveLength(14);
    expect(report.days.reduce((s, d) => s + d.completed, 0)).toBe(1);
    expect(report.refusals).toEqual([
      { key: 'sign_in_failed:password', n: 5 },
      { key: 'code_failed', n: 3 },
      { key: 'code_locked', n: 1 },
    ]);
  });

  it('agrees with the audit log npm run audit prints', async () => {
    const audit = await h.stores.audit.list(0);
    const n = (event: string) => audit.filter((r) => r.event === event).length;
    expect(report.totals.completed).toBe(n('migration_completed'));
    expect(report.totals.signInLocks).toBe(n('sign_in_locked'));
    expect(report.totals.codeLocks).toBe(n('code_locked'));
    expect(report.refusals.find((r) => r.key === 'code_failed')!.n).toBe(n('code_failed'));
  });

  it('npm run report writes valid, self-contained HTML in Japanese and English', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    for (const lang of ['ja', 'en'] as const) {
      const file = join(dir, `report-${lang}.html`);
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', '--out', file, ...(lang === 'en' ? ['--lang', 'en'] : [])], { cwd: ROOT, env, timeout: 60_000 });
      expect(stdout).toBe(`wrote ${file}: 5 holders, 2 migrated; 4 migrations started, 1 completed\n`);
      const html = readFileSync(file, 'utf8');
      const result = await validator.validateString(html, join(ROOT, 'report.html'));
      expect(result.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`))).toEqual([]);
      expect(html).not.toMatch(/<script|javascript:|\bon[a-z]+=|<link|@import|url\(|src=|href=/i);
      expect(html).not.toMatch(/https?:\/\//);
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html.match(/<svg /g)!.length).toBe(6);
      expect(html.match(/<table>/g)!.length).toBeGreaterThanOrEqual(5);
      expect(html).toContain(lang === 'ja' ? '移行状況レポート' : 'migration progress report');
      expect(html).toContain(lang === 'ja' ? 'IDまたはパスワードの誤り' : 'Wrong ID or password');
    }
  });

  it('bad input: one line, exit 1', async () => {
    const attempt = async (...args: string[]) => {
      try {
        await run(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], { cwd: ROOT, env, timeout: 60_000 });
        return { code: 0, stderr: '' };
      } catch (e) {
        return e as { code: number; stderr: string };
      }
    };
    expect(await attempt()).toMatchObject({ code: 1, stderr: 'usage: npm run report -- --out FILE.html [--lang ja|en] [--days 1-90]\n' });
    expect(await attempt('--out', join(dir, 'x.html'), '--lang', 'fr')).toMatchObject({ code: 1, stderr: '--lang fr: use ja or en\n' });
  });
});

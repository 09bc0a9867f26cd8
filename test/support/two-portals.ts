// What the two-instance test (SPEC Z3, test/pg/two-instances.test.ts) does against its PostgreSQL: read it with SQL, load holders
// with npm run import, and walk M1–M8 from a client that moves between the instances.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { withLuhnDigit } from '../helpers/fixtures.js';
import { HEADER } from '../helpers/import.js';
import { codeFor, expectStep, serverClient } from '../reliability/support/journeys.js';
import { ROOT, type Portal } from './portal-process.js';

const run = promisify(execFile);
type Client = ReturnType<typeof serverClient>;

/** Runs one piece of work at a time: two journeys to one address must not read each other's codes from the shared outbox. */
export function oneAtATime(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const next = tail.then(work, work);
    tail = next.catch(() => {});
    return next;
  };
}

/** The moves over the database at `url()` (known once the cluster runs), with `secret` and CSV files written in `dir`; `password` is the new one set at M7. */
export function overOnePostgres(url: () => string, dir: string, secret: string, password: string) {
  async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** Holders with a mobile phone, no card email and a legacy ID (password `legacy-pass-1`), loaded with npm run import on PostgreSQL. */
  let serial = 0;
  async function importHolders(prefix: string, n: number, first: number): Promise<{ legacyId: string; phone: string }[]> {
    const rows = Array.from({ length: n }, (_, i) => {
      const k = ++serial;
      return { key: `${prefix}-${first + i}`, card: withLuhnDigit(`49807${String(k).padStart(10, '0')}`), phone: `0908${String(k).padStart(7, '0')}`, legacyId: `${prefix}-${first + i}` };
    });
    const csv = join(dir, `${prefix}-${first}.csv`);
    writeFileSync(csv, [HEADER, ...rows.map((r) => `${r.key},山田 太郎,ヤマダ タロウ,TARO YAMADA,1980-04-01,${r.card},カード,,${r.phone},${r.legacyId},legacy-pass-1,,,,,2026-12-10,1000,5`)].join('\n') + '\n');
    await run(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', csv], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATABASE_URL: url(), SECRET: secret } });
    return rows;
  }

  /** SPEC L3, M1–M8 with a new email, each step on whichever instance `at(step)` names; resolves at the done page. */
  async function migrate(c: Client, at: (step: number) => Portal, h: { legacyId: string; phone: string }, email: string, beforeCompleting?: () => Promise<void>, emailStep = oneAtATime()) {
    c.use(at(0).url);
    await c.get('/login');
    expectStep(await c.use(at(1).url).post('/login', { id: h.legacyId, password: 'legacy-pass-1' }), '/migration/terms', 'legacy sign-in');
    expectStep(await c.use(at(2).url).post('/migration/terms', {}), '/migration/new-email', 'terms');
    await emailStep(async () => {
      const sentAfter = Date.now();
      expectStep(await c.use(at(3).url).post('/migration/new-email', { email }), '/migration/email-code', 'new email');
      expectStep(await c.use(at(4).url).post('/migration/email-code', { code: await codeFor(url(), email, sentAfter) }), '/migration/confirm-email', 'email code');
    });
    expectStep(await c.use(at(5).url).post('/migration/confirm-email', {}), '/migration/phone', 'confirm');
    const t = Date.now();
    await c.use(at(6).url).get('/migration/phone');
    expectStep(await c.use(at(7).url).post('/migration/phone', { code: await codeFor(url(), h.phone, t) }), '/migration/password', 'phone code');
    await beforeCompleting?.();
    return c.use(at(8).url).post('/migration/password', { password, confirm: password });
  }

  return { query, importHolders, migrate };
}

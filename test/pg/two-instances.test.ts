// SPEC Z3: two real server processes (the npm start bundle) over one PostgreSQL behave as one portal — a flow or session moves
// between them, counters and one-winner races hold across them, a kill -9 of one or a PostgreSQL restart loses nothing.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { codeFor, expectStep, serverClient } from '../reliability/support/journeys.js';

type Client = ReturnType<typeof serverClient>;
import { startCluster, type Cluster } from '../support/pg-cluster.js';
import { dataDir, freePort, ROOT, sleep, startPortal, stopPortal, type Portal } from '../support/portal-process.js';
import { readOutbox } from '../support/outbox.js';

const run = promisify(execFile);
const SECRET = testConfig().SECRET;
const PASSWORD = 'Kumo#River82';
const COLUMNS = 'holder_key,name,name_kana,name_roman,birthdate,card_number,card_name,email,phones,legacy_id,legacy_password,initial_id,initial_password,my_id,my_password,payment_date,confirmed_amount,points';

let cluster: Cluster;
let url: string;
let a: Portal;
let b: Portal;
const dir = dataDir('portal-two-');
const settings = () => ({ DATABASE_URL: url, SECRET, DATABASE_FILE: undefined, SEED_DEMO: 'true', IP_MAX_FAILURES: '100000', PRUNE_INTERVAL_SECONDS: '0', LOG_LEVEL: 'warn' });
const start = async (port?: number) => startPortal(dir, port ?? (await freePort()), settings(), { bundle: true });

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
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
    return { key: `${prefix}-${first + i}`, card: luhn(`49807${String(k).padStart(10, '0')}`), phone: `0908${String(k).padStart(7, '0')}`, legacyId: `${prefix}-${first + i}` };
  });
  const csv = join(dir, `${prefix}-${first}.csv`);
  writeFileSync(csv, [COLUMNS, ...rows.map((r) => `${r.key},山田 太郎,ヤマダ タロウ,TARO YAMADA,1980-04-01,${r.card},カード,,${r.phone},${r.legacyId},legacy-pass-1,,,,,2026-12-10,1000,5`)].join('\n') + '\n');
  await run(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', csv], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, SECRET } });
  return rows;
}

function luhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

/** SPEC L3, M1–M8 with a new email, each step on whichever instance `at(step)` names; resolves at the done page. */
/** Runs one piece of work at a time: two journeys to one address must not read each other's codes from the shared outbox. */
function oneAtATime(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const next = tail.then(work, work);
    tail = next.catch(() => {});
    return next;
  };
}

async function migrate(c: Client, at: (step: number) => Portal, h: { legacyId: string; phone: string }, email: string, beforeCompleting?: () => Promise<void>, emailStep = oneAtATime()) {
  c.use(at(0).url);
  await c.get('/login');
  expectStep(await c.use(at(1).url).post('/login', { id: h.legacyId, password: 'legacy-pass-1' }), '/migration/terms', 'legacy sign-in');
  expectStep(await c.use(at(2).url).post('/migration/terms', {}), '/migration/new-email', 'terms');
  await emailStep(async () => {
    const sentAfter = Date.now();
    expectStep(await c.use(at(3).url).post('/migration/new-email', { email }), '/migration/email-code', 'new email');
    expectStep(await c.use(at(4).url).post('/migration/email-code', { code: await codeFor(url, email, sentAfter) }), '/migration/confirm-email', 'email code');
  });
  expectStep(await c.use(at(5).url).post('/migration/confirm-email', {}), '/migration/phone', 'confirm');
  const t = Date.now();
  await c.use(at(6).url).get('/migration/phone');
  expectStep(await c.use(at(7).url).post('/migration/phone', { code: await codeFor(url, h.phone, t) }), '/migration/password', 'phone code');
  await beforeCompleting?.();
  return c.use(at(8).url).post('/migration/password', { password: PASSWORD, confirm: PASSWORD });
}

beforeAll(async () => {
  cluster = startCluster(await freePort());
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE portal');
  await admin.end();
  url = cluster.url('portal');
  // GOTCHAS: instances from one checkout start from one bundle, built once (scripts/build.mjs skips when it is current)
  await run(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
  // SPEC Z1/Z3: both start at the same moment on an empty database: migrations applied once, the demo seeded once
  [a, b] = await Promise.all([start(), start()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a, b].filter(Boolean).map((p) => stopPortal(p)));
  cluster?.stop();
});

describe('Z3 two instances over one PostgreSQL', () => {
  it('started together, they migrated and seeded the demo once', async () => {
    expect((await query<{ n: number }>('SELECT count(*)::int AS n FROM holder'))[0].n).toBe(9);
    // each migration this build ships applied once, not once per instance
    const shipped = (JSON.parse(readFileSync(join(ROOT, 'src/db/pg/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
    expect(shipped).toBeGreaterThan(1);
    expect((await query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations'))[0].n).toBe(shipped);
    expect(a.output() + b.output()).not.toMatch(/Error|failed/i);
    for (const p of [a, b]) expect((await fetch(`${p.url}/readyz`)).status).toBe(200);
  });

  it('a flow begun on one continues on the other, and the session made on one works on the other; signing out on one ends it on both', async () => {
    const [h] = await importHolders('flow', 1, 1);
    const c = serverClient(a.url);
    const done = await migrate(c, (step) => (step % 2 === 0 ? a : b), h, 'flow1@example.jp');
    expectStep(done, '/migration/done', 'password');
    // sign in on A, the top page on B
    const s = serverClient(a.url);
    await s.get('/login');
    expectStep(await s.post('/login', { id: 'flow1@example.jp', password: PASSWORD }), '/top', 'sign-in');
    expect((await s.use(b.url).get('/top')).status).toBe(200);
    expect((await s.use(a.url).get('/top')).status).toBe(200);
    // sign out on B: A no longer knows the session
    const out = await s.use(b.url).post('/logout', {});
    expect(out.status).toBe(303);
    expect(out.location).toMatch(/^\/login/);
    const after = await s.use(a.url).get('/top');
    expect(after.status).toBe(303);
    expect(after.location).toMatch(/^\/login/);
    expect((await query<{ n: number }>('SELECT count(*)::int AS n FROM session s JOIN account a ON a.id = s.account_id WHERE a.email = $1', ['flow1@example.jp']))[0].n).toBe(0);
  });

  it('five wrong passwords spread over both at once lock at exactly five, with one notice', async () => {
    const attempts = Array.from({ length: 10 }, (_, i) => {
      const c = serverClient((i % 2 === 0 ? a : b).url);
      return c.get('/login').then(() => c.post('/login', { id: 'member@example.jp', password: `Wrong#${i}x` }));
    });
    const answers = await Promise.all(attempts);
    expect(answers.every((r) => r.status === 422 || r.status === 423 || r.status === 403 || r.status < 500)).toBe(true);
    const [row] = await query<{ failures: number; locked_at: string | null }>('SELECT failures, locked_at FROM sign_in_attempt WHERE failures > 0 ORDER BY updated_at DESC LIMIT 1');
    expect(row.failures).toBe(5);
    expect(row.locked_at).not.toBeNull();
    expect((await query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE event = 'sign_in_locked'"))[0].n).toBe(1);
    const notices = (await readOutbox(url)).filter((m) => m.to === 'member@example.jp' && m.subject.includes('アカウント停止'));
    expect(notices).toHaveLength(1);
  });

  it('two migrations racing for one email on the two instances: exactly one wins, the other is told the address cannot be used', async () => {
    const [h1, h2] = await importHolders('race', 2, 1);
    let ready = 0;
    let go: () => void = () => {};
    const gate = new Promise<void>((r) => (go = r));
    const barrier = async () => {
      if (++ready === 2) go();
      await gate;
    };
    // the two codes go to one address: each journey types its own (SPEC D1 stores a code with its challenge, so the race is real)
    const emailStep = oneAtATime();
    const [r1, r2] = await Promise.all([
      migrate(serverClient(a.url), () => a, h1, 'contested@example.jp', barrier, emailStep),
      migrate(serverClient(b.url), () => b, h2, 'contested@example.jp', barrier, emailStep),
    ]);
    const outcomes = [r1, r2].map((r) => (r.status === 303 && r.location === '/migration/done' ? 'won' : r.body.includes('ご入力いただいたメールアドレスはご利用いただけません') ? 'taken' : `${r.status} ${r.location}`));
    expect(outcomes.sort()).toEqual(['taken', 'won']);
    expect((await query<{ n: number }>("SELECT count(*)::int AS n FROM account WHERE email = 'contested@example.jp' AND closed_at IS NULL"))[0].n).toBe(1);
    // the loser's legacy ID is still usable: nothing else changed
    expect((await query<{ n: number }>('SELECT count(*)::int AS n FROM credential WHERE login_id IN ($1, $2) AND retired_at IS NULL', [h1.legacyId, h2.legacyId]))[0].n).toBe(1);
  });

  it('a kill -9 of one instance mid-traffic loses nothing: every completion answered is stored whole, and the rest finish on the other', async () => {
    const holders = await importHolders('kill', 8, 1);
    const completed = new Set<string>();
    let killed = false;
    const journeys = holders.map(async (h, i) => {
      const email = `kill${i}@example.jp`;
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          // alternate instances step by step until A is gone
          const res = await migrate(serverClient(a.url), (step) => (killed || (step + i) % 2 === 0 ? b : a), h, email);
          if (res.status === 303 && res.location === '/migration/done') completed.add(email);
          return;
        } catch {
          // A died under this journey: a member starts again (on B, which is still there)
          if (completed.has(email)) return;
          await sleep(50);
        }
      }
    });
    await sleep(400);
    a.child.kill('SIGKILL');
    killed = true;
    await Promise.all(journeys);
    a = await start(a.port);
    const accounts = await query<{ email: string; cards: number; retired: number }>(
      `SELECT a.email, (SELECT count(*)::int FROM account_card ac WHERE ac.account_id = a.id) AS cards,
              (SELECT count(*)::int FROM credential cr JOIN account_card ac ON ac.card_id = cr.card_id WHERE ac.account_id = a.id AND cr.retired_at IS NOT NULL) AS retired
       FROM account a WHERE a.email LIKE 'kill%' AND a.closed_at IS NULL`,
    );
    // every journey that saw its done page is stored, whole: the account, its card linked, its legacy ID retired
    for (const email of completed) expect(accounts.find((r) => r.email === email)).toMatchObject({ cards: 1, retired: 1 });
    // and no account is half made, whoever's request was cut by the kill
    for (const row of accounts) expect(row).toMatchObject({ cards: 1, retired: 1 });
    expect(completed.size).toBeGreaterThanOrEqual(holders.length - 1);
  });

  it('PostgreSQL restarted mid-traffic: styled 503s, never a 500, and service resumes with nothing lost', async () => {
    const before = (await query<{ n: number }>('SELECT count(*)::int AS n FROM account'))[0].n;
    const statuses: number[] = [];
    const bodies503: string[] = [];
    let stop = false;
    const traffic = [a, b].map(async (p) => {
      while (!stop) {
        try {
          const c = serverClient(p.url);
          await c.get('/login');
          const res = await c.post('/login', { id: 'flow1@example.jp', password: PASSWORD });
          statuses.push(res.status);
          if (res.status === 503) bodies503.push(res.body);
        } catch {
          statuses.push(-1);
        }
      }
    });
    await sleep(300);
    await cluster.restart();
    // service resumes: a sign-in on each instance succeeds again
    const outputs = () => `instance A:\n${a.output().slice(-3000)}\ninstance B:\n${b.output().slice(-3000)}`;
    for (const p of [a, b]) {
      for (let i = 0; ; i++) {
        const c = serverClient(p.url);
        const res = await c
          .get('/login')
          .then(() => c.post('/login', { id: 'flow1@example.jp', password: PASSWORD }))
          .catch((err: unknown) => {
            throw new Error(`${p.url} is gone: ${String(err)}\n${outputs()}`);
          });
        if (res.status === 303 && res.location === '/top') break;
        if (i > 100) throw new Error(`${p.url} did not recover: ${res.status}`);
        await sleep(100);
      }
    }
    stop = true;
    await Promise.all(traffic);
    expect(statuses).not.toContain(500);
    expect(statuses, outputs()).not.toContain(-1);
    expect(bodies503.length).toBeGreaterThan(0);
    expect(bodies503[0]).toContain('現在ご利用いただけません');
    expect(bodies503[0]).toMatch(/<html lang="ja"/);
    // a migration completes after the restart, and nothing committed before it is gone
    const [h] = await importHolders('restart', 1, 1);
    expectStep(await migrate(serverClient(a.url), (step) => (step % 2 === 0 ? a : b), h, 'restart1@example.jp'), '/migration/done', 'password');
    expect((await query<{ n: number }>('SELECT count(*)::int AS n FROM account'))[0].n).toBe(before + 1);
    for (const p of [a, b]) expect((await fetch(`${p.url}/readyz`)).status).toBe(200);
  });
});

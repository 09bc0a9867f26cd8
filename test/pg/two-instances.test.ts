// SPEC Z3: two real server processes (the npm start bundle) over one PostgreSQL behave as one portal — a flow or session moves
// between them, counters and one-winner races hold across them, a kill -9 of one or a PostgreSQL restart loses nothing.
// One file, in order, over one pair of instances: later tests use what earlier ones made. SQL, import and walk: test/support/two-portals.ts.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { expectStep, serverClient } from '../reliability/support/journeys.js';
import { startCluster, type Cluster } from '../support/pg-cluster.js';
import { dataDir, freePort, ROOT, sleep, startPortal, stopPortal, type Portal } from '../support/portal-process.js';
import { readOutbox } from '../support/outbox.js';
import { oneAtATime, overOnePostgres } from '../support/two-portals.js';

const run = promisify(execFile);
const SECRET = testConfig().SECRET;
const PASSWORD = 'Kumo#River82';

let cluster: Cluster;
let url: string;
let a: Portal;
let b: Portal;
const dir = dataDir('portal-two-');
const settings = () => ({ DATABASE_URL: url, SECRET, DATABASE_FILE: undefined, SEED_DEMO: 'true', IP_MAX_FAILURES: '100000', PRUNE_INTERVAL_SECONDS: '0', LOG_LEVEL: 'warn' });
const start = async (port?: number) => startPortal(dir, port ?? (await freePort()), settings(), { bundle: true });
const { query, importHolders, migrate } = overOnePostgres(() => url, dir, SECRET, PASSWORD);

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

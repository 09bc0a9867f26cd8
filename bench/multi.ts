// SPEC Z3 row of the bench: correct sign-ins/s and sign-in page p99 with two instances over one PostgreSQL, against one
// instance over SQLite, on the same machine and the same data (the small data set, copied with npm run db:copy).
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { startCluster } from '../test/support/pg-cluster.js';
import { formBody, openBrowser, postHeaders, type Browser } from './lib/http.js';
import { load, type LoadResult } from './lib/load.js';
import { freePort, root, startServer, type Server } from './lib/procs.js';
import type { Row } from './lib/table.js';

type Spec = { sqliteApp: Server; sqliteFile: string; env: (port: number, extra: Record<string, string>) => Record<string, string>; entry: string; seconds: number; connections: number; myId: (i: number) => string; accounts: number; password: string };

const correct = (status: number, headers: Record<string, string>) => status === 303 && !(headers.location ?? '').startsWith('/login');

function signIns(b: Browser, spec: Spec, offset: number) {
  let next = offset;
  return {
    method: 'POST' as const,
    path: '/login',
    headers: postHeaders(b),
    setupRequest: (req: { body?: string }) => {
      next = (next % spec.accounts) + 1;
      return { ...req, body: formBody({ csrf: b.token, id: spec.myId(next), password: spec.password }) };
    },
  };
}

/** A sign-in flood split over `servers` with a page load beside it: correct sign-ins/s, the page's p99, and every status seen. */
async function measure(servers: Server[], spec: Spec) {
  const browsers = await Promise.all(servers.map((s) => openBrowser(s.base)));
  const per = Math.max(1, Math.round(spec.connections / servers.length));
  const [floods, page] = await Promise.all([
    Promise.all(servers.map((s, i) => load({ url: s.base, connections: per, seconds: spec.seconds, request: signIns(browsers[i], spec, i * 500), ok: correct }))),
    load({ url: servers[0].base + '/login', connections: 2, seconds: spec.seconds, ok: (st) => st === 200 }),
  ]);
  const statuses: Record<string, number> = {};
  for (const r of [...floods, page] as LoadResult[]) for (const [k, n] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + n;
  return { signInsPerSecond: floods.reduce((a, r) => a + r.ok / r.seconds, 0), p99: page.p99, statuses, errors: floods.reduce((a, r) => a + r.errors, 0) + page.errors };
}

export async function measureTwoInstances(spec: Spec): Promise<Row[]> {
  const cluster = startCluster(await freePort());
  const servers: Server[] = [];
  try {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE portal');
    await admin.end();
    const url = cluster.url('portal');
    execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/db-copy.ts', '--to', url], { cwd: root, env: { ...process.env, ...spec.env(0, {}), DATABASE_FILE: spec.sqliteFile }, stdio: 'ignore' });
    for (const name of ['pg A', 'pg B']) {
      const port = await freePort();
      servers.push(await startServer({ name: `portal (${name})`, entry: spec.entry, nodeArgs: [], env: spec.env(port, { DATABASE_URL: url, IP_MAX_FAILURES: '1000000' }), port, readyPath: '/login' }));
    }
    // ABBA, so a drift in the machine's load hits both sides alike
    const runs = { one: [] as Awaited<ReturnType<typeof measure>>[], two: [] as Awaited<ReturnType<typeof measure>>[] };
    runs.one.push(await measure([spec.sqliteApp], spec));
    runs.two.push(await measure(servers, spec));
    runs.two.push(await measure(servers, spec));
    runs.one.push(await measure([spec.sqliteApp], spec));
    const merge = (rs: Awaited<ReturnType<typeof measure>>[]) => ({
      signInsPerSecond: rs.reduce((a, r) => a + r.signInsPerSecond, 0) / rs.length,
      p99: Math.max(...rs.map((r) => r.p99)),
      errors: rs.reduce((a, r) => a + r.errors, 0),
      statuses: rs.reduce<Record<string, number>>((acc, r) => {
        for (const [k, n] of Object.entries(r.statuses)) acc[k] = (acc[k] ?? 0) + n;
        return acc;
      }, {}),
    });
    const one = merge(runs.one);
    const two = merge(runs.two);
    const fivexx = (s: Record<string, number>) => Object.entries(s).filter(([k]) => k.startsWith('5')).reduce((a, [, n]) => a + n, 0);
    const lost = fivexx(one.statuses) + fivexx(two.statuses) + one.errors + two.errors;
    const ratio = two.signInsPerSecond / one.signInsPerSecond;
    return [
      {
        id: 'Z3',
        what: 'correct sign-ins/s, 2 instances on PostgreSQL ÷ 1 instance on SQLite (same machine)',
        value: ratio,
        format: 'ratio',
        target: 'none on 2 cores; nothing lost',
        met: lost === 0,
        detail: `${two.signInsPerSecond.toFixed(1)} vs ${one.signInsPerSecond.toFixed(1)}/s, ${spec.connections} sign-ins in flight in all, 2 runs of ${spec.seconds} s each, ABBA; statuses SQLite ${JSON.stringify(one.statuses)}, PostgreSQL ${JSON.stringify(two.statuses)}; ${lost} 5xx or socket errors`,
      },
      { id: 'Z3', what: 'sign-in page p99 during that flood: 2 instances on PostgreSQL / 1 on SQLite', value: two.p99, format: 'ms', target: '(none)', met: null, detail: `SQLite ${one.p99} ms` },
    ];
  } finally {
    for (const s of servers) await s.stop().catch(() => undefined);
    cluster.stop();
  }
}

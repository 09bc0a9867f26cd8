// SPEC L6 timing: median sign-in time for known and unknown IDs (wrong password), over real HTTP to the real app.
// Run: npx tsx bench/enumeration.ts [--samples 200] [--kind myId|legacy|both]; exits 1 when a ratio is outside 0.95–1.05.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/auth/clock.js';
import { argon2Verifier, hashPassword } from '../src/auth/password.js';
import { keyedHash, newCode } from '../src/auth/secrets.js';
import { testConfig } from '../src/config.js';
import { openDb, type Db } from '../src/db/sqlite/client.js';
import { sqliteStores } from '../src/db/sqlite/index.js';
import { accountCardTable, accountTable, cardTable, credentialTable, holderTable } from '../src/db/sqlite/schema.js';
import type { Deps } from '../src/deps.js';
import type { Notifier } from '../src/notify/notifier.js';

export type EnumerationOptions = {
  /** measured sign-ins per side (known and unknown each) */
  samples?: number;
  /** unmeasured sign-ins per side first */
  warmup?: number;
  /** which kind of ID: a My ID (email) or a legacy ID */
  kind?: 'myId' | 'legacy';
};

export type EnumerationResult = {
  knownMedianMs: number;
  unknownMedianMs: number;
  /** unknownMedianMs / knownMedianMs */
  ratio: number;
  /** the median of unknown/known over adjacent pairs: less sensitive to load that drifts during the run */
  pairedRatio: number;
  /** interquartile ranges, to judge how noisy the machine was */
  knownIqrMs: [number, number];
  unknownIqrMs: [number, number];
  samples: number;
  kind: 'myId' | 'legacy';
};

const PASSWORD = 'Bench#2025pass';

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

const median = (xs: number[]) => quantile(xs, 0.5);

/** `count` holders whose ID exists, all sharing one real Argon2id hash (same parameters as every stored hash). */
function insertKnownIds(db: Db, kind: 'myId' | 'legacy', count: number, passwordHash: string, secret: string): string[] {
  const now = Date.now();
  return db.transaction((tx) =>
    Array.from({ length: count }, (_, i) => {
      const holder = tx.insert(holderTable).values({ holderKey: `bench-${i}`, name: '山田 太郎', nameRoman: 'TARO YAMADA', birthdate: '1980-04-01' }).returning().get();
      const card = tx
        .insert(cardTable)
        .values({ holderId: holder.id, numberHash: keyedHash(secret, 'card', `bench-${i}`), last4: '0000', cardName: 'デモカード', email: `known${i}@bench.example` })
        .returning()
        .get();
      if (kind === 'legacy') {
        tx.insert(credentialTable).values({ cardId: card.id, kind: 'legacy', loginId: `known-${i}`, passwordHash, createdAt: now }).run();
        return `known-${i}`;
      }
      const account = tx
        .insert(accountTable)
        .values({ holderId: holder.id, email: `known${i}@bench.example`, passwordHash, termsVersion: 'bench', createdAt: now, passwordChangedAt: now })
        .returning()
        .get();
      tx.insert(accountCardTable).values({ accountId: account.id, cardId: card.id, linkedAt: now }).run();
      return `known${i}@bench.example`;
    }),
  );
}

/**
 * Starts the portal on a free local port over a fresh SQLite file, then alternates wrong-password sign-ins for IDs that
 * exist and IDs that do not (each ID used once, so no lock interferes) and returns the two medians and their ratio.
 */
export async function measureEnumeration(opts: EnumerationOptions = {}): Promise<EnumerationResult> {
  const samples = opts.samples ?? 200;
  const warmup = opts.warmup ?? 20;
  const kind = opts.kind ?? 'myId';
  const dir = mkdtempSync(join(tmpdir(), 'bench-enum-'));
  const config = testConfig({ DATABASE_FILE: join(dir, 'app.db'), LOGIN_MAX_FAILURES: '100', IP_MAX_FAILURES: '1000000', DEV_OUTBOX: 'false' });
  const db = openDb(config.DATABASE_FILE);
  const notifier: Notifier = { send: async () => {} };
  const deps: Deps = { config, stores: sqliteStores(db), clock: systemClock, newCode, passwords: argon2Verifier, notifier };
  const total = samples + warmup;
  const known = insertKnownIds(db, kind, total, await hashPassword(PASSWORD), config.SECRET);
  const unknown = known.map((id) => (kind === 'myId' ? id.replace('known', 'unknown') : id.replace('known', 'nobody')));

  const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const page = await fetch(`${base}/login`);
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    if (!csrf) throw new Error('no csrf field on /login');
    const signIn = async (id: string): Promise<number> => {
      const started = performance.now();
      const res = await fetch(`${base}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie },
        body: new URLSearchParams({ csrf, id, password: 'Wrong#2025pass' }).toString(),
      });
      await res.text();
      const ms = performance.now() - started;
      if (res.status !== 422) throw new Error(`sign-in for ${id} answered ${res.status}, expected 422`);
      return ms;
    };
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < total; i++) {
      // ABBA order so drift (GC, CPU frequency, other load) falls on both sides equally
      const order = i % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const);
      for (const side of order) {
        const ms = await signIn(side === 'known' ? known[i] : unknown[i]);
        if (i >= warmup) times[side].push(ms);
      }
    }
    const knownMedianMs = median(times.known);
    const unknownMedianMs = median(times.unknown);
    return {
      knownMedianMs,
      unknownMedianMs,
      ratio: unknownMedianMs / knownMedianMs,
      pairedRatio: median(times.known.map((k, i) => times.unknown[i] / k)),
      knownIqrMs: [quantile(times.known, 0.25), quantile(times.known, 0.75)],
      unknownIqrMs: [quantile(times.unknown, 0.25), quantile(times.unknown, 0.75)],
      samples,
      kind,
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const samples = Number(arg('samples') ?? 200);
  const which = arg('kind') ?? 'both';
  if (!Number.isInteger(samples) || samples < 1 || !['myId', 'legacy', 'both'].includes(which)) {
    console.error('usage: npx tsx bench/enumeration.ts [--samples N] [--kind myId|legacy|both]');
    return 1;
  }
  const kinds = which === 'both' ? (['myId', 'legacy'] as const) : ([which] as ['myId' | 'legacy']);
  let ok = true;
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores; a busy machine widens the spread`);
  for (const kind of kinds) {
    const r = await measureEnumeration({ samples, kind });
    const within = Math.abs(r.ratio - 1) <= 0.05;
    ok &&= within;
    const iqr = ([a, b]: [number, number]) => `${a.toFixed(1)}–${b.toFixed(1)}`;
    console.log(
      `${kind.padEnd(6)} known median ${r.knownMedianMs.toFixed(2)} ms (IQR ${iqr(r.knownIqrMs)}), unknown median ${r.unknownMedianMs.toFixed(2)} ms (IQR ${iqr(r.unknownIqrMs)}), ` +
        `ratio ${r.ratio.toFixed(3)}, paired ${r.pairedRatio.toFixed(3)} (${r.samples} samples each) ${within ? 'within 5%' : 'OUTSIDE 5%'}`,
    );
  }
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}

// A test harness: the real app over a fresh database of the run's dialect (SQLite in memory, or PostgreSQL under TEST_DB=pg; seen
// through the store contract), a fake clock, and the outbox table read back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createApp } from '../../src/app.js';
import { fakeClock, type Clock } from '../../src/auth/clock.js';
import { testConfig, type Config } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { Database } from '../../src/db/contract.js';
import { createDelivery, type Delivery } from '../../src/notify/delivery.js';
import { createStandInTransport } from '../../src/notify/notifier.js';
import { createTestPgDatabase, openDialectDatabase, openTestDatabase, testDialect, testPgUrl } from './stores.js';
import { sequentialCodes } from './codes.js';
import { countingVerifier } from './passwords.js';
import { cookieClient, type CookieClient } from './client.js';

export const ORIGIN = 'http://localhost';

function harnessOver(db: Database, config: Config, clock: Clock, dir: string) {
  const { stores, inspect } = db;
  const log = memoryLogger();
  const passwords = countingVerifier();
  const deps: Deps = { config, stores, clock, newCode: sequentialCodes(), passwords: passwords.verifier, logger: log.logger };
  const app = createApp(deps);
  // SPEC D1: the process's delivery worker, over the settings' transports (the stand-in silent, without a file); tests run its rounds
  let delivery: Promise<Delivery> | undefined;
  const worker = () => (delivery ??= createDelivery(config, stores.outbox, clock, { logger: log.logger, standIn: createStandInTransport(clock, { log: () => {} }) }));
  const deliver = async () => (await worker()).worker.runOnce();
  const close = async () => {
    if (delivery) await (await delivery).stop();
    await db.close();
  };
  return { app, deps, stores, inspect, clock: clock as ReturnType<typeof fakeClock>, config, dir, outbox: () => stores.outbox.list(), deliver, logs: log.lines, verifications: passwords.verifications, close };
}

export type Harness = ReturnType<typeof harnessOver>;

export async function makeHarness(overrides: Record<string, string> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  const config = testConfig(overrides);
  const db = await openDialectDatabase();
  return harnessOver(db, config, fakeClock(), dir);
}

/** The same harness over a SQLite database file that a command (another process) opens too, with these settings and this clock. */
export function fileHarness(config: Config, clock: Clock): Harness {
  return harnessOver(openTestDatabase(config.DATABASE_FILE), config, clock, dirname(config.DATABASE_FILE));
}

/** The same harness over the PostgreSQL database at `url`, which commands (other processes) open too. */
export async function urlHarness(url: string, config: Config, clock: Clock): Promise<Harness> {
  const { openPostgres } = await import('../../src/db/pg/index.js');
  return harnessOver(await openPostgres(url, { max: 4 }), config, clock, tmpdir());
}

/**
 * A harness over a database that commands (in this process or others) open too, in the run's dialect: a SQLite file in a new
 * folder, or under TEST_DB=pg a new PostgreSQL database of the run's cluster; `env` is what a command needs to find it.
 */
export async function sharedHarness(overrides: Record<string, string>, clock: Clock): Promise<{ h: Harness; env: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-shared-'));
  const config = testConfig({ DATABASE_FILE: join(dir, 'app.db'), ...overrides });
  const common = { SECRET: config.SECRET, SEED_DEMO: 'false', ...overrides };
  if (testDialect === 'sqlite') return { h: fileHarness(config, clock), env: { ...common, DATABASE_FILE: config.DATABASE_FILE } };
  const url = testPgUrl(await createTestPgDatabase());
  return { h: await urlHarness(url, config, clock), env: { ...common, DATABASE_URL: url } };
}

/** A cookie-keeping browser for app.request() (the one test client, test/helpers/client.ts). */
export function browser(h: Harness, headers: Record<string, string> = {}): CookieClient {
  return cookieClient((path, init) => Promise.resolve(h.app.request(path, init)), ORIGIN, headers);
}

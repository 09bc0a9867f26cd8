// A test harness: the real app over an in-memory database (seen through the store contract), a fake clock, and an outbox file in a temp folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createApp } from '../../src/app.js';
import { fakeClock, type Clock } from '../../src/auth/clock.js';
import { testConfig, type Config } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { memoryLogger } from '../../src/log/logger.js';
import { createOutboxNotifier, readOutbox } from '../../src/notify/notifier.js';
import { openTestDatabase } from './stores.js';
import { sequentialCodes } from './codes.js';
import { cookieClient, type CookieClient } from './client.js';

export const ORIGIN = 'http://localhost';

export function makeHarness(overrides: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  const outbox = join(dir, 'outbox.jsonl');
  const config = testConfig({ OUTBOX_FILE: outbox, ...overrides });
  const clock = fakeClock();
  const db = openTestDatabase();
  const { stores, inspect } = db;
  const log = memoryLogger();
  const deps: Deps = { config, stores, clock, newCode: sequentialCodes(), notifier: createOutboxNotifier(outbox, clock, () => {}), logger: log.logger };
  const app = createApp(deps);
  return { app, deps, stores, inspect, clock, config, dir, outbox: () => readOutbox(outbox), logs: log.lines, close: () => db.close() };
}

export type Harness = ReturnType<typeof makeHarness>;

/** The same harness over a database file that a command (another process) opens too, with these settings and this clock. */
export function fileHarness(config: Config, clock: Clock): Harness {
  const db = openTestDatabase(config.DATABASE_FILE);
  const { stores, inspect } = db;
  const log = memoryLogger();
  const deps: Deps = { config, stores, clock, newCode: sequentialCodes(), notifier: createOutboxNotifier(config.OUTBOX_FILE, clock, () => {}), logger: log.logger };
  const app = createApp(deps);
  return { app, deps, stores, inspect, clock: clock as Harness['clock'], config, dir: dirname(config.DATABASE_FILE), outbox: () => readOutbox(config.OUTBOX_FILE), logs: log.lines, close: () => db.close() };
}

/** A cookie-keeping browser for app.request() (the one test client, test/helpers/client.ts). */
export function browser(h: Harness, headers: Record<string, string> = {}): CookieClient {
  return cookieClient((path, init) => Promise.resolve(h.app.request(path, init)), ORIGIN, headers);
}

// Issue 20, the store contract of the sign-in's one read before the hash and one write after it, on whichever database the
// project runs (SQLite, and PostgreSQL with TEST_DB=pg): the same answers and rows as the several calls they replace.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClock } from '../../src/auth/clock.js';
import type { AuditEvent, Database } from '../../src/db/contract.js';
import { addHolder } from '../helpers/fixtures.js';
import { testConfig } from '../../src/config.js';
import { openDialectDatabase, testDialect } from '../helpers/stores.js';

const clock = fakeClock();
let db: Database;
const heard: AuditEvent[] = [];
const WINDOW = 600_000;
const gateInput = (identifierHash: string, address = '192.0.2.1') => ({ address, now: clock.now(), windowMs: WINDOW, maxFailures: 3, identifierHash });

beforeEach(async () => {
  db = await openDialectDatabase();
  heard.length = 0;
  db.stores.audit.onRecord((e) => heard.push(e));
});
afterEach(() => db.close());

describe(`the sign-in gate (${testDialect})`, () => {
  it('checkSignIn: open and unlocked, then locked, then throttled with the window end, the first throttled answer audited once', async () => {
    expect(await db.stores.lockout.checkSignIn(gateInput('id-1'))).toEqual({ ok: true, locked: false });
    for (let i = 0; i < 2; i++) await db.stores.lockout.recordFailure({ identifierHash: 'id-1', address: '192.0.2.1' }, { now: clock.now(), maxFailures: 2, reason: 'password', address: { network: '192.0.2.1', windowMs: WINDOW } });
    expect(await db.stores.lockout.checkSignIn(gateInput('id-1'))).toEqual({ ok: true, locked: true });
    await db.stores.lockout.refuseLocked({ identifierHash: 'id-1', address: '192.0.2.1' }, { now: clock.now(), network: '192.0.2.1', windowMs: WINDOW, coalesceMs: 60_000 });
    const start = clock.now();
    expect(await db.stores.lockout.checkSignIn(gateInput('id-2'))).toEqual({ ok: false, retryAt: start + WINDOW });
    expect(await db.stores.lockout.checkSignIn(gateInput('id-3'))).toEqual({ ok: false, retryAt: start + WINDOW });
    expect((await db.inspect.rows('audit_log')).filter((r) => r.event === 'sign_in_throttled')).toHaveLength(1);
    expect(await db.stores.lockout.checkSignIn(gateInput('id-2', '192.0.2.2'))).toEqual({ ok: true, locked: false });
    clock.advance(WINDOW);
    expect(await db.stores.lockout.checkSignIn(gateInput('id-1'))).toEqual({ ok: true, locked: true });
  });

  it('refuseLocked: counts every refusal for the address, one row a minute per identifier and address, a log line each', async () => {
    const who = { identifierHash: 'id-1', address: '192.0.2.1' };
    const first = clock.now();
    for (let i = 0; i < 4; i++) {
      await db.stores.lockout.refuseLocked(who, { now: clock.now(), network: '192.0.2.1', windowMs: WINDOW, coalesceMs: 60_000 });
      clock.advance(10_000);
    }
    clock.advance(30_000);
    await db.stores.lockout.refuseLocked(who, { now: clock.now(), network: '192.0.2.1', windowMs: WINDOW, coalesceMs: 60_000 });
    const rows = (await db.inspect.rows('audit_log')).filter((r) => r.event === 'sign_in_failed');
    expect(rows.map((r) => [r.at, JSON.parse(r.detail!)])).toEqual([
      [first, { reason: 'locked', count: 4, lastAt: first + 30_000 }],
      [first + 70_000, { reason: 'locked' }],
    ]);
    expect(heard.filter((e) => e.event === 'sign_in_failed')).toHaveLength(5);
    expect((await db.inspect.rows('address_throttle')).map((r) => r.failures)).toEqual([5]);
    clock.advance(WINDOW);
    await db.stores.lockout.refuseLocked(who, { now: clock.now(), network: '192.0.2.1', windowMs: WINDOW, coalesceMs: 60_000 });
    expect((await db.inspect.rows('address_throttle')).map((r) => [r.failures, r.windowStartedAt])).toEqual([[1, clock.now()]]);
  });

  it('recordSuccess with signedIn keeps the previous sign-in time and stores the session in the same unit of work; a lock refuses it, stores none and counts the address', async () => {
    const accountId = (await addHolder({ deps: { config: testConfig(), clock }, inspect: db.inspect }, { account: { email: 'hanako@example.jp', password: 'Sakura#2025x' } })).account!.id;
    const who = { identifierHash: 'id-1', address: '192.0.2.1', accountId };
    const at1 = clock.now();
    expect(await db.stores.lockout.recordSuccess(who, { now: at1, signedIn: { accountId, sessionTokenHash: 'session-1' }, address: { network: '192.0.2.1', windowMs: WINDOW } })).toEqual({ ok: true });
    clock.advance(1_000);
    expect(await db.stores.lockout.recordSuccess(who, { now: clock.now(), signedIn: { accountId, sessionTokenHash: 'session-2' } })).toEqual({ ok: true });
    const account = (await db.inspect.rows('account')).find((r) => r.id === accountId)!;
    expect([account.previousSignInAt, account.lastSignInAt]).toEqual([at1, clock.now()]);
    expect((await db.inspect.rows('session')).map((r) => [r.tokenHash, r.accountId, r.createdAt])).toEqual([['session-1', accountId, at1], ['session-2', accountId, clock.now()]]);
    expect(await db.inspect.rows('address_throttle')).toEqual([]);
    for (let i = 0; i < 2; i++) await db.stores.lockout.recordFailure(who, { now: clock.now(), maxFailures: 2, reason: 'password' });
    expect(await db.stores.lockout.recordSuccess(who, { now: clock.now(), signedIn: { accountId, sessionTokenHash: 'session-3' }, address: { network: '192.0.2.1', windowMs: WINDOW } })).toEqual({ locked: true });
    expect((await db.inspect.rows('address_throttle')).map((r) => r.failures)).toEqual([1]);
    expect(await db.inspect.rows('session')).toHaveLength(2);
  });
});

// SPEC Z3/Z5, the store contract under concurrency, on whichever database the project runs (SQLite, and PostgreSQL with TEST_DB=pg):
// racing units of work on one counter, cap or budget count exactly, as if run one after another, and each audit row is heard once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClock } from '../../src/auth/clock.js';
import { testConfig } from '../../src/config.js';
import type { AuditEvent, CodeLimits, Database } from '../../src/db/contract.js';
import { addHolder } from '../helpers/fixtures.js';
import { openDialectDatabase, testDialect } from '../helpers/stores.js';

const config = testConfig();
const clock = fakeClock();
let db: Database;
const heard: AuditEvent[] = [];
const limits: CodeLimits = { ttlMs: 300_000, resendMs: 0, maxSendsPerHour: 100, maxSendsPerDestinationPerHour: 3, maxFailures: 5, lockMs: 1_800_000, maxFailuresPerDay: 10, maxFailuresTotal: 20 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeEach(async () => {
  db = await openDialectDatabase();
  heard.length = 0;
  db.stores.audit.onRecord((e) => heard.push(e));
});
afterEach(() => db.close());

/** One email code for `flowId` to account 1 (a reset), and one wrong entry of it. */
const sendOne = (flowId: number, now: number) =>
  db.stores.codes.recordSend({ flowId, kind: 'reset', purpose: 'email', channel: 'email', destinationHash: 'd', subject: 'account:1', requester: 'r', maskedDestination: 'm', now, codeHash: 'h' }, limits);
const wrongCode = (flowId: number, now: number) => db.stores.codes.recordAttempt({ flowId, kind: 'reset', purpose: 'email', subject: 'account:1', now, matches: () => false }, limits);

const together = <T>(n: number, work: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => work(i)));

describe(`the store contract under concurrency (${testDialect})`, () => {
  it('L5: 20 racing failures on one identifier count to exactly 5, and exactly one of them locks', async () => {
    const now = clock.now();
    const results = await together(20, (i) => db.stores.lockout.recordFailure({ identifierHash: 'id-1', address: `192.0.2.${i}` }, { now, maxFailures: 5, reason: 'password' }));
    expect(results.filter((r) => r.lockedNow)).toHaveLength(1);
    expect((await db.inspect.rows('sign_in_attempt')).map((r) => r.failures)).toEqual([5]);
    const audit = await db.inspect.rows('audit_log');
    expect(audit.filter((r) => r.event === 'sign_in_locked')).toHaveLength(1);
    // O3: every row committed is heard once, none of a retried attempt twice
    expect(heard.map((e) => e.event).sort()).toEqual(audit.map((r) => r.event).sort());
  });

  it('S5/L7: 20 racing R1/G1 requests from one address get exactly IP_MAX_FAILURES slots', async () => {
    const now = clock.now();
    const slots = await together(20, () => db.stores.lockout.takeAddressSlot({ address: '198.51.100.9', now, windowMs: 600_000, maxFailures: 7, identifierHash: 'x' }));
    expect(slots.filter((s) => s.ok)).toHaveLength(7);
    expect((await db.inspect.rows('address_throttle'))[0].failures).toBe(7);
  });

  it('S5: 10 racing sends to one destination from different flows and networks pass the hourly ceiling exactly 3 times', async () => {
    const now = clock.now();
    const flows = await together(10, (i) => db.stores.flows.insert(`token-${i}`, { kind: 'reset', step: 'email-code' }, now, 1_800_000));
    const sends = await together(10, (i) =>
      db.stores.codes.recordSend(
        { flowId: flows[i], kind: 'reset', purpose: 'email', channel: 'email', destinationHash: 'dest-1', subject: `account:${i + 1}`, requester: `203.0.113.${i}`, maskedDestination: 't***@e***.jp', now, codeHash: `code-${i}` },
        limits,
      ),
    );
    expect(sends.filter((s) => 'ok' in s)).toHaveLength(3);
    expect(await db.inspect.count('challenge')).toBe(3);
  });

  it('S3: 10 racing right passwords of one legacy ID start exactly MIGRATION_STARTS_PER_DAY flows', async () => {
    const { legacy, holder, cards } = await addHolder({ deps: { config, clock }, inspect: db.inspect }, { legacyId: 'race-legacy' });
    const now = clock.now();
    const starts = await together(10, (i) =>
      db.stores.migration.start({
        tokenHash: `start-${i}`,
        flow: { kind: 'migration', step: 'terms', holderId: holder.id, cardId: cards[0].id, credentialId: legacy!.id },
        now,
        ttlMs: 1_800_000,
        maxPerDay: 4,
        identifierHash: 'race-legacy',
      }),
    );
    expect(starts.filter((s) => 'ok' in s)).toHaveLength(4);
    expect(await db.inspect.count('flow')).toBe(4);
  });

  it('M6a: 12 racing wrong codes lock at exactly CODE_MAX_FAILURES, and a lock is written once', async () => {
    const now = clock.now();
    const flowId = await db.stores.flows.insert('code-flow', { kind: 'reset', step: 'email-code' }, now, 1_800_000);
    await sendOne(flowId, now);
    const results = await together(12, () => wrongCode(flowId, now));
    expect(results.filter((r) => 'error' in r && r.error === 'mismatch')).toHaveLength(4);
    expect((await db.inspect.rows('code_failure'))[0].failures).toBe(5);
    expect((await db.inspect.rows('audit_log')).filter((r) => r.event === 'code_locked')).toHaveLength(1);
  });

  it('S1: 10 racing wrong codes at a total of 18 close the verification exactly once, at 20', async () => {
    const now = clock.now();
    const flowId = await db.stores.flows.insert('close-flow', { kind: 'reset', step: 'email-code' }, now, 1_800_000);
    await sendOne(flowId, now);
    await db.inspect.insert('code_budget', { subject: 'account:1', purpose: 'email', kind: 'reset', total: 18, updatedAt: now - DAY });
    const results = await together(10, () => wrongCode(flowId, now));
    expect(results.filter((r) => 'error' in r && r.error === 'mismatch')).toHaveLength(1);
    expect(results.filter((r) => 'error' in r && r.error === 'closed' && r.closedNow)).toHaveLength(1);
    expect(results.filter((r) => 'error' in r && r.error === 'closed' && !r.closedNow)).toHaveLength(8);
    expect(await db.inspect.rows('code_budget')).toMatchObject([{ subject: 'account:1', purpose: 'email', kind: 'reset', total: 20, closedAt: now }]);
    expect((await db.inspect.rows('audit_log')).filter((r) => r.event === 'code_closed')).toHaveLength(1);
    expect(await db.inspect.count('code_failure_time')).toBe(2);
  });

  it('S1: 10 racing wrong codes on a day of 6 lock the rolling day at exactly CODE_MAX_FAILURES_PER_DAY, once', async () => {
    const now = clock.now();
    const flowId = await db.stores.flows.insert('day-flow', { kind: 'reset', step: 'email-code' }, now, 1_800_000);
    await sendOne(flowId, now);
    // six wrong entries an hour ago in earlier flows (their M6a count has passed; the day's and the total have not)
    for (let i = 0; i < 6; i++) await db.inspect.insert('code_failure_time', { subject: 'account:1', purpose: 'email', kind: 'reset', at: now - HOUR });
    await db.inspect.insert('code_budget', { subject: 'account:1', purpose: 'email', kind: 'reset', total: 6, updatedAt: now - HOUR });
    const results = await together(10, () => wrongCode(flowId, now));
    expect(results.filter((r) => 'error' in r && r.error === 'mismatch')).toHaveLength(3);
    // the 10th of the day locks until the oldest of them is a day old
    expect(results.filter((r) => 'error' in r && r.error === 'locked')).toEqual(Array(7).fill({ error: 'locked', lockedUntil: now - HOUR + DAY }));
    expect(await db.inspect.count('code_failure_time')).toBe(10);
    expect((await db.inspect.rows('code_budget'))[0].total).toBe(10);
    const locked = (await db.inspect.rows('audit_log')).filter((r) => r.event === 'code_locked');
    expect(locked.map((r) => JSON.parse(r.detail!).budget)).toEqual(['day']);
  });

  it('S2: 10 racing addresses in one flow are counted exactly EMAIL_TAKEN_MAX_PER_FLOW times, then the flow ends', async () => {
    const now = clock.now();
    const flowId = await db.stores.flows.insert('address-flow', { kind: 'migration', step: 'new-email' }, now, 1_800_000);
    const results = await together(10, (i) => db.stores.addressBudget.countSubmission({ flowId, subject: 'holder:1', now, maxPerFlow: 3, maxPerDay: 10, address: `192.0.2.${i}` }));
    expect(results.filter((r) => 'ok' in r)).toHaveLength(3);
    expect(results.filter((r) => 'ended' in r && r.ended === 'flow')).toHaveLength(7);
    expect(await db.inspect.count('address_submission')).toBe(3);
    expect((await db.stores.flows.findById(flowId))?.endedAt).toBe(now);
  });

  it('S2: 15 racing addresses of one holder in 15 flows are counted exactly EMAIL_TAKEN_MAX_PER_DAY times', async () => {
    const now = clock.now();
    const flows = await together(15, (i) => db.stores.flows.insert(`holder-flow-${i}`, { kind: 'migration', step: 'new-email' }, now, 1_800_000));
    const results = await together(15, (i) => db.stores.addressBudget.countSubmission({ flowId: flows[i], subject: 'holder:1', now, maxPerFlow: 3, maxPerDay: 10 }));
    expect(results.filter((r) => 'ok' in r)).toHaveLength(10);
    expect(results.filter((r) => 'ended' in r && r.ended === 'day')).toHaveLength(5);
    expect(await db.inspect.count('address_submission')).toBe(10);
    expect((await db.inspect.rows('audit_log')).filter((r) => r.event === 'email_budget_spent')).toHaveLength(5);
  });

  it('§2/D5: the outbox keeps every message, newest first', async () => {
    for (let i = 0; i < 5; i++) {
      await db.stores.outbox.add([{ channel: 'sms', to: '09012345678', subject: `s${i}`, text: `code ${i}`, ...(i === 4 ? {} : { code: String(i).repeat(4) }) }], 1_000 + i);
    }
    const listed = await db.stores.outbox.list();
    expect(listed.map((m) => m.subject)).toEqual(['s4', 's3', 's2', 's1', 's0']);
    expect(listed[4]).toEqual({ id: listed[4].id, at: new Date(1_000).toISOString(), channel: 'sms', to: '09012345678', subject: 's0', text: 'code 0', code: '0000', state: 'pending', attempts: 0 });
    expect(listed[4].id).toMatch(/^[0-9a-f-]{36}$/);
    expect('code' in listed[0]).toBe(false);
    expect((await db.stores.outbox.list(2)).map((m) => m.subject)).toEqual(['s4', 's3']);
  });
});

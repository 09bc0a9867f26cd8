// SPEC O4 retention: what prune removes and what it must keep (a running code lock, rows a send cap still counts, live sessions).
import { describe, expect, it } from 'vitest';
import { identifierHash } from '../../src/auth/lockout.js';
import type { TableName } from '../../src/db/contract.js';
import { describePrune, pruneNow } from '../../src/ops/prune.js';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { startMigration } from '../helpers/walk.js';
import { lastCode, WRONG_CODES } from '../helpers/codes.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('O4 prune', () => {
  it('removes expired rows, keeps live ones, a running code lock and the challenges a send cap still counts', async () => {
    const h = await makeHarness({ CODE_MAX_FAILURES: '3' });
    const rows = (table: TableName) => h.inspect.count(table);
    const count = async () => ({
      flows: await rows('flow'),
      challenges: await rows('challenge'),
      sessions: await rows('session'),
      codeFailures: await rows('code_failure'),
      attempts: await rows('sign_in_attempt'),
      throttles: await rows('address_throttle'),
    });
    const hash = (id: string) => identifierHash(h.config.SECRET, id);
    const t0 = h.clock.now();

    // A: an SMS code guessed wrong three times — the M6a lock runs for CODE_LOCK_SECONDS (30 min)
    await addHolder(h, { legacyId: 'keep-lock', legacyPassword: 'pass-A-1', phones: ['09011110001'] });
    const a = (await startMigration(h, 'keep-lock', 'pass-A-1')).b;
    await a.post('/migration/email-choice', { choice: 'yes' });
    await a.get('/migration/phone');
    expect(await lastCode(h, '09011110001')).toMatch(/^\d{4}$/);
    for (const guess of WRONG_CODES.slice(0, 3)) await a.post('/migration/phone', { code: guess });
    expect((await h.inspect.rows('code_failure'))[0]?.lockedUntil).toBe(t0 + 1800_000);
    // B: cancelled at once, no code sent: nothing counts it
    await addHolder(h, { legacyId: 'gone-now', legacyPassword: 'pass-B-1' });
    await (await startMigration(h, 'gone-now', 'pass-B-1')).b.post('/migration/cancel', {});
    // C: an SMS sent, then cancelled: the hourly send cap still counts that challenge
    await addHolder(h, { legacyId: 'sent-then-cancelled', legacyPassword: 'pass-C-1', phones: ['09011110003'] });
    const c = (await startMigration(h, 'sent-then-cancelled', 'pass-C-1')).b;
    await c.post('/migration/email-choice', { choice: 'yes' });
    await c.get('/migration/phone');
    await c.post('/migration/cancel', {});
    // a member signs in (a session); an unknown ID fails once (a count); another is locked (5 failures)
    await addHolder(h, { account: { email: 'kept@example.jp', password: 'Member#Pass1' } });
    expect((await browser(h).post('/login', { id: 'kept@example.jp', password: 'Member#Pass1' })).status).toBe(303);
    await browser(h).post('/login', { id: 'ghost-one', password: 'x' });
    for (let i = 0; i < 5; i++) await browser(h).post('/login', { id: 'ghost-locked', password: `x${i}` });
    expect(await count()).toEqual({ flows: 3, challenges: 2, sessions: 1, codeFailures: 1, attempts: 2, throttles: 1 });

    // now: nothing goes — even B (ended, no challenge) is a migration start that S3 counts for 24 hours
    let pruned = await pruneNow(h.deps);
    expect(pruned).toMatchObject({ flows: 0, challenges: 0, sessions: 0, codeFailures: 0, signInFailureCounts: 0, signInLocks: 0, addressThrottles: 0 });

    // +20 min: the idle session and the address window have ended; the code lock still runs; a new session is live
    h.clock.set(t0 + 9 * MIN);
    expect((await browser(h).post('/login', { id: 'kept@example.jp', password: 'Member#Pass1' })).status).toBe(303);
    h.clock.set(t0 + 20 * MIN);
    pruned = await pruneNow(h.deps);
    expect(pruned).toMatchObject({ sessions: 1, flows: 0, codeFailures: 0, addressThrottles: 1 });
    expect(await count()).toMatchObject({ flows: 3, challenges: 2, sessions: 1, codeFailures: 1 });
    // the running lock still refuses a code
    expect((await a.post('/migration/phone', { code: '3333' })).body).toContain('認証機能がロックされました');

    // +59 min: every flow is over but the challenges are inside the cap's hour: kept
    h.clock.set(t0 + 59 * MIN);
    pruned = await pruneNow(h.deps);
    expect(pruned).toMatchObject({ flows: 0, challenges: 0, codeFailures: 1 }); // the lock ended at +30 min
    expect(await count()).toMatchObject({ flows: 3, challenges: 2 });

    // +61 min: the cap's hour has passed, but S3 still counts these migration starts (rolling 24 hours): kept
    h.clock.set(t0 + 61 * MIN);
    pruned = await pruneNow(h.deps);
    expect(pruned).toMatchObject({ flows: 0, challenges: 0 });
    expect(await count()).toMatchObject({ flows: 3, challenges: 2 });

    // +25 h: the flows and their challenges go, each summarised in one line; the count below a lock goes, the lock stays
    h.clock.set(t0 + 25 * 60 * MIN);
    pruned = await pruneNow(h.deps);
    expect(pruned).toMatchObject({ flows: 3, challenges: 2, flowSummaries: 3, signInFailureCounts: 1, signInLocks: 0 });
    expect(await h.inspect.rows('flow_summary')).toContainEqual(expect.objectContaining({ kind: 'migration', step: 'email-choice', outcome: 'cancelled', day: '2025-01-15' }));
    const summaries = (await h.inspect.rows('flow_summary')).map(({ step, outcome }) => `${step}:${outcome}`);
    expect(summaries.sort()).toEqual(['email-choice:cancelled', 'phone:cancelled', 'phone:expired']);
    expect((await h.inspect.rows('sign_in_attempt')).map((r) => r.identifierHash)).toEqual([hash('ghost-locked')]);

    // +200 days an attempt on the lock; at +366 days it is still kept (an attempt within LOCK_RETENTION_DAYS)…
    h.clock.set(t0 + 200 * DAY);
    expect((await browser(h).post('/login', { id: 'ghost-locked', password: 'y' })).status).toBe(422);
    h.clock.set(t0 + 366 * DAY);
    expect((await pruneNow(h.deps)).signInLocks).toBe(0);
    // …and at +566 days, 366 days after that attempt, it goes; so do audit rows older than AUDIT_RETENTION_DAYS (400)
    h.clock.set(t0 + 566 * DAY);
    const auditBefore = await rows('audit_log');
    pruned = await pruneNow(h.deps);
    expect(pruned.signInLocks).toBe(1);
    expect(pruned.auditRows).toBe(auditBefore - (await h.inspect.rows('audit_log')).filter((r) => r.at === t0 + 200 * DAY).length);
    expect(await rows('sign_in_attempt')).toBe(0);
    expect(describePrune(pruned)).toContain('sign-in locks: 1 removed');
  });

  it('npm run prune prints one line per table', async () => {
    const { main } = await import('../../src/cli/prune.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openTestDatabase } = await import('../helpers/stores.js');
    const dir = mkdtempSync(join(tmpdir(), 'prune-cli-'));
    await openTestDatabase(join(dir, 'app.db')).close();
    const lines: string[] = [];
    const log = console.log;
    console.log = (l: string) => void lines.push(l);
    try {
      expect(await main([], { DATABASE_FILE: join(dir, 'app.db'), SECRET: 'x'.repeat(40) })).toBe(0);
    } finally {
      console.log = log;
    }
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('sessions: 0 removed');
    expect(lines.at(-1)).toContain('outbox: kept');
  });
});

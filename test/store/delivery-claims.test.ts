// SPEC D1 on both dialects: two instances' delivery workers racing over one database never send one row together (pg: FOR
// UPDATE SKIP LOCKED, SQLite: the guarded UPDATE), each row reaching the real HTTP receiver once under its own Idempotency-Key;
// and a row whose worker died mid-send is sent again after its lease, under the same key, while the dead claim cannot settle it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClock } from '../../src/auth/clock.js';
import type { Database } from '../../src/db/contract.js';
import { openPostgres } from '../../src/db/pg/index.js';
import { createWebhookTransport } from '../../src/notify/transports/webhook.js';
import { createStandInTransport } from '../../src/notify/notifier.js';
import { createDeliveryWorker } from '../../src/notify/worker.js';
import { createTestPgDatabase, openTestDatabase, testDialect, testPgUrl } from '../helpers/stores.js';
import { startWebhookPeer, type WebhookPeer } from '../support/webhook-peer.js';

const clock = fakeClock();
const LEASE = 30_000;
let dbs: Database[] = [];
let hook: WebhookPeer | undefined;

afterEach(async () => {
  await Promise.all(dbs.map((d) => d.close()));
  dbs = [];
  await hook?.close();
  hook = undefined;
});

/** Two connections to one database, as two server instances have. */
async function twoInstances(): Promise<[Database, Database]> {
  if (testDialect === 'sqlite') {
    const file = join(mkdtempSync(join(tmpdir(), 'claims-')), 'app.db');
    dbs = [openTestDatabase(file), openTestDatabase(file)];
  } else {
    const url = testPgUrl(await createTestPgDatabase());
    dbs = [await openPostgres(url, { max: 4 }), await openPostgres(url, { max: 4 })];
  }
  return [dbs[0], dbs[1]];
}

const workerOn = (db: Database, peer: WebhookPeer) =>
  createDeliveryWorker({
    outbox: db.stores.outbox,
    transports: { sms: createWebhookTransport({ channel: 'sms', url: peer.url('/sms'), secret: 'racing-secret-racing-secret-0000', timeoutMs: 2_000 }) },
    standIn: createStandInTransport(clock, { log: () => {} }),
    clock,
    maxAttempts: 5,
    concurrency: 6,
    leaseMs: LEASE,
  });

const sms = (i: number) => ({ channel: 'sms' as const, to: `0901111${String(i).padStart(4, '0')}`, subject: '認証コード', text: `notice ${i}` });

describe(`SPEC D1 delivery claims (${testDialect})`, () => {
  it('two workers racing over 40 rows send each exactly once, under its row id', async () => {
    const [a, b] = await twoInstances();
    hook = await startWebhookPeer();
    for (let i = 0; i < 40; i++) await a.stores.outbox.add([sms(i)], clock.now());
    const [wa, wb] = [workerOn(a, hook), workerOn(b, hook)];
    const drain = async (w: ReturnType<typeof workerOn>) => {
      let n = 0;
      for (let got = -1; got !== 0; ) n += got = await w.runOnce();
      return n;
    };
    const [na, nb] = await Promise.all([drain(wa), drain(wb)]);
    expect(na + nb).toBe(40);
    const keys = hook.received.map((r) => String(r.headers['idempotency-key']));
    expect(keys).toHaveLength(40);
    expect(new Set(keys).size).toBe(40);
    const rows = await a.stores.outbox.list();
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(keys));
    expect(rows.every((r) => r.state === 'delivered' && r.attempts === 1)).toBe(true);
  });

  it("a row claimed by a worker that died is sent again after the lease with the same Idempotency-Key; the dead claim cannot settle it", async () => {
    const [a, b] = await twoInstances();
    hook = await startWebhookPeer();
    await a.stores.outbox.add([sms(1)], clock.now());
    // instance A claims the row and dies before settling it
    const [dead] = await a.stores.outbox.claim({ now: clock.now(), leaseMs: LEASE, limit: 10, maxAttempts: 5 });
    expect(dead).toMatchObject({ attempts: 1 });
    const survivor = workerOn(b, hook);
    expect(await survivor.runOnce()).toBe(0); // leased: not sent together
    clock.advance(LEASE);
    expect(await survivor.runOnce()).toBe(1);
    expect(hook.received.map((r) => r.headers['idempotency-key'])).toEqual([dead.id]);
    expect(await a.stores.outbox.settle(dead, { kind: 'retry', error: 'late', nextAttemptAt: clock.now() }, clock.now())).toBe(false);
    expect((await b.stores.outbox.list())[0]).toMatchObject({ id: dead.id, state: 'delivered', attempts: 2 });
  });

  it('a code message whose code was replaced before delivery is dropped, blanked, and never sent', async () => {
    const [a] = await twoInstances();
    hook = await startWebhookPeer();
    const flowId = await a.stores.flows.insert('drop-flow', { kind: 'reset', step: 'phone' }, clock.now(), 1_800_000);
    const limits = { ttlMs: 300_000, resendMs: 0, maxSendsPerHour: 100, maxSendsPerDestinationPerHour: 50, maxFailures: 5, lockMs: 1_800_000, maxFailuresPerDay: 10, maxFailuresTotal: 20 };
    const send = (code: string) =>
      a.stores.codes.recordSend({ flowId, kind: 'reset', purpose: 'phone', channel: 'sms', destinationHash: 'd', subject: 'account:1', requester: 'r', maskedDestination: 'm', now: clock.now(), codeHash: code, message: { ...sms(2), text: `code ${code}`, code } }, limits);
    await send('1111');
    await send('2222');
    expect(await workerOn(a, hook).runOnce()).toBe(1);
    expect(hook.received.map((r) => JSON.parse(r.body.toString()).code)).toEqual(['2222']);
    const [newest, oldest] = await a.stores.outbox.list();
    expect(oldest).toMatchObject({ state: 'dropped', text: '' });
    expect(oldest.code).toBeUndefined();
    expect(newest).toMatchObject({ state: 'delivered', text: '' });
  });

  it('a code message whose worker died on its last attempt fails like any final failure: audited, and its send off the S5 caps', async () => {
    const [a] = await twoInstances();
    const flowId = await a.stores.flows.insert('lapse-flow', { kind: 'migration', step: 'phone' }, clock.now(), 1_800_000);
    const limits = { ttlMs: 300_000, resendMs: 0, maxSendsPerHour: 100, maxSendsPerDestinationPerHour: 50, maxFailures: 5, lockMs: 1_800_000, maxFailuresPerDay: 10, maxFailuresTotal: 20 };
    await a.stores.codes.recordSend({ flowId, kind: 'migration', purpose: 'phone', channel: 'sms', destinationHash: 'd', subject: 'holder:1', requester: 'r', maskedDestination: 'm', now: clock.now(), codeHash: '1234', message: { ...sms(3), text: 'code 1234', code: '1234' } }, limits);
    // the only attempt allowed is claimed by a worker that dies before settling it
    expect(await a.stores.outbox.claim({ now: clock.now(), leaseMs: LEASE, limit: 10, maxAttempts: 1 })).toHaveLength(1);
    clock.advance(LEASE);
    expect(await a.stores.outbox.claim({ now: clock.now(), leaseMs: LEASE, limit: 10, maxAttempts: 1 })).toEqual([]);
    expect((await a.stores.outbox.list())[0]).toMatchObject({ state: 'failed', text: '', lastError: 'lease lapsed on the last attempt' });
    const audit = (await a.inspect.rows('audit_log')).filter((r) => r.event === 'delivery_failed');
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain('09011110003');
    expect((await a.inspect.rows('challenge')).find((c) => c.flowId === flowId)?.deliveryFailedAt).toBe(clock.now());
  });
});

// SPEC §2/D2: with no transport, the delivery worker hands each stored message to the stand-in, which prints it and appends
// it as one JSON line to OUTBOX_FILE in the spec's shape; the row is delivered and keeps its code until the code expires (D1).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStandInTransport } from '../../src/notify/notifier.js';
import { createDeliveryWorker } from '../../src/notify/worker.js';
import { makeHarness, type Harness } from '../helpers/app.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('SPEC §2 the stand-in', () => {
  it('appends one JSON line per delivered message to OUTBOX_FILE, the same message the table holds', async () => {
    h = await makeHarness();
    const file = join(mkdtempSync(join(tmpdir(), 'stand-in-')), 'data', 'outbox.jsonl');
    const printed: string[] = [];
    const standIn = createStandInTransport(h.clock, { file, log: (line) => printed.push(line) });
    await h.stores.outbox.add([{ channel: 'sms', to: '09012345678', subject: '認証コード', text: '認証コードは 1234 です。', code: '1234' }], h.clock.now());
    await h.stores.outbox.add([{ channel: 'email', to: 'hana@example.jp', subject: '【My Card】お知らせ', text: '本文' }], h.clock.now());
    const worker = createDeliveryWorker({ outbox: h.stores.outbox, transports: {}, standIn, clock: h.clock, maxAttempts: 5, concurrency: 1, leaseMs: 30_000 });
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0])).toEqual(['id', 'at', 'channel', 'to', 'subject', 'text', 'code']);
    expect(lines[0]).toMatchObject({ channel: 'sms', to: '09012345678', code: '1234', at: new Date(h.clock.now()).toISOString() });
    expect(lines[1]).not.toHaveProperty('code');
    const rows = await h.outbox();
    expect(rows.map((r) => r.id).sort()).toEqual(lines.map((l) => l.id).sort());
    expect(rows.map((r) => r.state)).toEqual(['delivered', 'delivered']);
    expect(rows[1]).toMatchObject({ code: '1234', text: '認証コードは 1234 です。' });
    expect(printed).toEqual(['[outbox] sms to 09012345678: 認証コード', '[outbox] email to hana@example.jp: 【My Card】お知らせ']);
  });
});

// SPEC §2: the stand-in prints each message, appends it as one JSON line to OUTBOX_FILE in the spec's shape, and stores
// it in the outbox table that the demo outbox page and every instance read (D5).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxNotifier } from '../../src/notify/notifier.js';
import { makeHarness, type Harness } from '../helpers/app.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('SPEC §2 the stand-in notifier', () => {
  it('appends one JSON line per message to OUTBOX_FILE, the same message the table holds', async () => {
    h = await makeHarness();
    const file = join(mkdtempSync(join(tmpdir(), 'stand-in-')), 'data', 'outbox.jsonl');
    const printed: string[] = [];
    const notifier = createOutboxNotifier(h.stores.outbox, h.clock, { file, log: (line) => printed.push(line) });
    await notifier.send({ channel: 'sms', to: '09012345678', subject: '認証コード', text: '認証コードは 1234 です。', code: '1234' });
    await notifier.send({ channel: 'email', to: 'hana@example.jp', subject: '【My Card】お知らせ', text: '本文' });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0])).toEqual(['id', 'at', 'channel', 'to', 'subject', 'text', 'code']);
    expect(lines[0]).toMatchObject({ channel: 'sms', to: '09012345678', code: '1234', at: new Date(h.clock.now()).toISOString() });
    expect(lines[1]).not.toHaveProperty('code');
    const rows = await h.outbox();
    expect(rows.map((r) => r.id).sort()).toEqual(lines.map((l) => l.id).sort());
    expect(printed).toEqual(['[outbox] sms to 09012345678: 認証コード', '[outbox] email to hana@example.jp: 【My Card】お知らせ']);
  });
});

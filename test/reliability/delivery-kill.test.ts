// SPEC D1: a kill loses no message. The real server is SIGKILLed while its worker is mid-send (the SMS receiver never answers)
// and with another message pending; after a restart both are delivered, the cut one under the same Idempotency-Key.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { dataDir, freePort, sleep, startPortal, type Portal } from '../support/portal-process.js';
import { openTestDatabase } from '../helpers/stores.js';
import { startWebhookPeer } from '../support/webhook-peer.js';

const sms = (text: string) => ({ channel: 'sms' as const, to: '09012345678', subject: '', text });

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !ok(); await sleep(50)) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

describe('SPEC D1 a kill loses nothing', () => {
  it('a message cut mid-send and one left pending are delivered after the restart, the cut one under the same key', async () => {
    const dir = dataDir('portal-delivery-kill-');
    const hook = await startWebhookPeer();
    let running: Portal | undefined;
    onTestFinished(async () => {
      if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
      await hook.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const env = { SEED_DEMO: 'false', SMS_WEBHOOK_URL: hook.url('/sms'), WEBHOOK_SECRET: 'kill-test-secret-kill-test-secret', NOTIFY_TIMEOUT_MS: '1000' };
    running = await startPortal(dir, await freePort(), env);
    const db = openTestDatabase(join(dir, 'app.db'));
    try {
      hook.answer('hang');
      await db.stores.outbox.add([sms('first')], Date.now());
      await until('the first send', () => hook.received.length === 1);
      // mid-send: the receiver holds the request, and the row is leased to this process
      running.child.kill('SIGKILL');
      await running.exited;
      await db.stores.outbox.add([sms('second')], Date.now());
      const [second, first] = await db.stores.outbox.list();
      expect(first).toMatchObject({ state: 'sending', attempts: 1 });
      expect(second).toMatchObject({ state: 'pending' });

      hook.answer(200);
      running = await startPortal(dir, await freePort(), env);
      // the pending one goes at once; the cut one once its lease (5 s) has run out
      await until('both deliveries', () => hook.received.length >= 3);
      const keys = hook.received.map((r) => r.headers['idempotency-key']);
      expect(keys[0]).toBe(first.id);
      expect(keys.slice(1).sort()).toEqual([first.id, second.id].sort());
      await sleep(300);
      const rows = await db.stores.outbox.list();
      expect(rows.map((r) => r.state)).toEqual(['delivered', 'delivered']);
      expect(rows[1].attempts).toBe(2);
    } finally {
      await db.close();
    }
  }, 60_000);
});

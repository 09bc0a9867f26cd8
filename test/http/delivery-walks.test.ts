// SPEC D1/D2: a migration, a reset and a settings change walked with the codes read from what reached real peers: the mails
// at an SMTP server (smtp-server) and the SMS webhooks at an HTTP receiver (node:http), sent by the harness's delivery worker.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/notify/transports/signature.js';
import { makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { walkTo } from '../helpers/walk.js';
import { deliverAll, readingPeers } from '../support/arrived.js';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer.js';
import { startWebhookPeer, type WebhookPeer } from '../support/webhook-peer.js';

const SECRET = 'webhook-secret-webhook-secret-00';
let smtp: SmtpPeer;
let hook: WebhookPeer;
let h: Harness;

beforeEach(async () => {
  smtp = await startSmtpPeer();
  hook = await startWebhookPeer();
  h = await makeHarness({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'no-reply@example.jp', SMS_WEBHOOK_URL: hook.url('/sms'), VOICE_WEBHOOK_URL: hook.url('/voice'), WEBHOOK_SECRET: SECRET });
});
afterEach(async () => {
  await h.close();
  await smtp.close();
  await hook.close();
});

const subjects = () => smtp.arrived.map((a) => `${a.envelope.to[0]} ${a.mail.subject}`);

describe('SPEC D1/D2 walks with real peers', () => {
  it('a migration: the email code by SMTP, the SMS code by webhook, the confirmation by SMTP; the rows end delivered and blank', async () => {
    await addHolder(h, { legacyId: 'peer-01', legacyPassword: 'legacy-pass', cards: [{ email: 'card@example.jp' }], phones: ['09011112222'] });
    const peers = readingPeers(h, smtp, hook);
    await walkTo(peers, 'migration', 'done', { id: 'peer-01', email: 'new@example.jp' });
    await deliverAll(h);
    expect(subjects()).toEqual([expect.stringMatching(/^new@example\.jp .*認証コード/), expect.stringMatching(/^card@example\.jp /), expect.stringMatching(/^new@example\.jp /)]);
    expect(hook.received).toHaveLength(1);
    const rows = await h.outbox();
    expect(rows.map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    // SPEC D1: a code message delivered by a real transport keeps neither its text nor its code
    for (const row of rows.filter((r) => r.subject.includes('認証コード') || r.channel === 'sms')) expect(row).toMatchObject({ text: '' }), expect(row.code).toBeUndefined();
  });

  it('a reset: the codes from the mail and the webhook; the notice arrives by SMTP', async () => {
    await addHolder(h, { phones: ['09033334444'], account: { email: 'hana@example.jp', password: 'Sakura#2025x' } });
    await walkTo(readingPeers(h, smtp, hook), 'reset', 'done', { email: 'hana@example.jp', newPassword: 'Kawa!Nagare77' });
    await deliverAll(h);
    expect(smtp.arrived).toHaveLength(2);
    expect(smtp.arrived[1].mail.text).toContain('パスワード');
    expect(smtp.arrived.every((a) => a.envelope.to[0] === 'hana@example.jp')).toBe(true);
  });

  it('a My ID change: the code mailed to the new address, the notice to the old one', async () => {
    await addHolder(h, { account: { email: 'old@example.jp', password: 'Sakura#2025x' } });
    await walkTo(readingPeers(h, smtp, hook), 'my-id-change', 'done', { id: 'old@example.jp', password: 'Sakura#2025x', email: 'moved@example.jp' });
    await deliverAll(h);
    expect(smtp.arrived.map((a) => a.envelope.to[0])).toEqual(['moved@example.jp', 'old@example.jp']);
  });

  it('webhooks carry the D2 body, the row id as Idempotency-Key and a signature of the exact body', async () => {
    await addHolder(h, { phones: ['09055556666'], account: { email: 'sig@example.jp', password: 'Sakura#2025x' } });
    await walkTo(readingPeers(h, smtp, hook), 'reset', 'password', { email: 'sig@example.jp' });
    expect(hook.received).toHaveLength(1);
    const got = hook.received[0];
    const body = JSON.parse(got.body.toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['id', 'channel', 'to', 'text', 'code', 'expiresAt']);
    expect(got.headers['idempotency-key']).toBe(body.id);
    expect(verifySignature(got.body, String(got.headers['x-signature']), SECRET)).toBe(true);
    expect((await h.outbox()).find((r) => r.channel === 'sms')?.id).toBe(body.id);
  });
});

// SPEC D2 SMS and voice: what a real HTTP receiver gets from the webhook transport, and how each answer is reported.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { codeMessage } from '../../src/notify/texts.js';
import { transportsFromConfig, verifySignature, type Transports } from '../../src/notify/transports/index.js';
import { freePort } from '../support/portal-process.js';
import { startWebhookPeer, type WebhookPeer } from '../support/webhook-peer.js';

const SECRET = 'webhook-secret-webhook-secret-0001';
const expiresAt = Date.UTC(2025, 0, 23, 5, 35);
const sms = codeMessage({ channel: 'sms', procedure: 'migration', to: '09012345678', code: '482913', expiresAt, lang: 'ja', brand: 'My Card' });
const voice = codeMessage({ channel: 'voice', procedure: 'migration', to: '0312345678', code: '482913', expiresAt, lang: 'ja', brand: 'My Card' });

let peer: WebhookPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

async function transports(settings: Record<string, string> = {}): Promise<Transports> {
  return transportsFromConfig(testConfig({ WEBHOOK_SECRET: SECRET, NOTIFY_TIMEOUT_MS: '400', ...settings }));
}

async function smsTo(p: WebhookPeer) {
  const t = (await transports({ SMS_WEBHOOK_URL: p.url('/sms') })).sms;
  if (!t) throw new Error('no sms transport');
  return t;
}

describe('D2 SMS and voice over a signed webhook, to a real receiver', () => {
  it('POSTs the JSON body with Idempotency-Key and an X-Signature over the exact body bytes', async () => {
    peer = await startWebhookPeer();
    const t = await smsTo(peer);
    expect(await t.send({ ...sms, expiresAt }, { idempotencyKey: 'row-42' })).toEqual({ status: 'sent' });
    expect(peer.received).toHaveLength(1);
    const { method, path, headers, body } = peer.received[0];
    expect([method, path]).toEqual(['POST', '/sms']);
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    expect(headers['idempotency-key']).toBe('row-42');
    // the receiver's check, written out: HMAC-SHA256 of the bytes as received, keyed with the shared secret
    expect(headers['x-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`);
    expect(verifySignature(body, headers['x-signature'] as string, SECRET)).toBe(true);
    expect(JSON.parse(body.toString('utf8'))).toEqual({ id: 'row-42', channel: 'sms', to: '09012345678', text: sms.text, code: '482913', expiresAt: '2025-01-23T05:35:00.000Z' });
    expect(body.toString('utf8')).toContain('【My Card】My IDへの移行の認証コード：482913');
  });

  it('a changed body, or another secret, fails the check', async () => {
    peer = await startWebhookPeer();
    await (await smsTo(peer)).send(sms, { idempotencyKey: 'row-43' });
    const { headers, body } = peer.received[0];
    const signature = headers['x-signature'] as string;
    const tampered = Buffer.from(body.toString('utf8').replace('09012345678', '09099999999'));
    expect(verifySignature(tampered, signature, SECRET)).toBe(false);
    expect(verifySignature(body, signature, 'another-secret-another-secret-0002')).toBe(false);
    expect(verifySignature(body, undefined, SECRET)).toBe(false);
  });

  it('a message without a code has no code and no expiresAt in its body', async () => {
    peer = await startWebhookPeer();
    await (await smsTo(peer)).send({ channel: 'sms', to: '09012345678', subject: '', text: 'お知らせ' }, { idempotencyKey: 'row-44' });
    expect(JSON.parse(peer.received[0].body.toString('utf8'))).toEqual({ id: 'row-44', channel: 'sms', to: '09012345678', text: 'お知らせ' });
  });

  it('a retried send is byte for byte the same request, so the receiver can deduplicate it', async () => {
    peer = await startWebhookPeer();
    const t = await smsTo(peer);
    await t.send({ ...sms, expiresAt }, { idempotencyKey: 'row-45' });
    await t.send({ ...sms, expiresAt }, { idempotencyKey: 'row-45' });
    const [a, b] = peer.received;
    expect(b.body.equals(a.body)).toBe(true);
    expect([b.headers['idempotency-key'], b.headers['x-signature']]).toEqual([a.headers['idempotency-key'], a.headers['x-signature']]);
  });

  it('voice goes to VOICE_WEBHOOK_URL with channel "voice"; each channel has its own transport', async () => {
    peer = await startWebhookPeer();
    const t = await transports({ SMS_WEBHOOK_URL: peer.url('/sms'), VOICE_WEBHOOK_URL: peer.url('/voice') });
    expect(t.email).toBeUndefined();
    await t.voice!.send(voice, { idempotencyKey: 'row-46' });
    expect(peer.received.map((r) => [r.path, JSON.parse(r.body.toString('utf8')).channel])).toEqual([['/voice', 'voice']]);
    expect(JSON.parse(peer.received[0].body.toString('utf8')).text).toContain('認証コードは、4 8 2 9 1 3、です。');
  });

  it.each([
    [204, { status: 'sent' }],
    [400, { status: 'final', reason: 'HTTP 400' }],
    [404, { status: 'final', reason: 'HTTP 404' }],
    [408, { status: 'retryable', reason: 'HTTP 408' }],
    [429, { status: 'retryable', reason: 'HTTP 429' }],
    [500, { status: 'retryable', reason: 'HTTP 500' }],
    [503, { status: 'retryable', reason: 'HTTP 503' }],
  ])('an answer %i is %o', async (status, result) => {
    peer = await startWebhookPeer();
    peer.answer(status);
    expect(await (await smsTo(peer)).send(sms, { idempotencyKey: 'row-47' })).toEqual(result);
  });

  it('a redirect is not followed (the signed body goes nowhere else) and is final', async () => {
    peer = await startWebhookPeer();
    peer.answer(307);
    expect(await (await smsTo(peer)).send(sms, { idempotencyKey: 'row-48' })).toEqual({ status: 'final', reason: 'HTTP 307 (redirects are not followed)' });
    expect(peer.received.map((r) => r.path)).toEqual(['/sms']);
  });

  it('no answer within NOTIFY_TIMEOUT_MS is a retryable failure, and the send returns then', async () => {
    peer = await startWebhookPeer();
    peer.answer('hang');
    const started = Date.now();
    expect(await (await smsTo(peer)).send(sms, { idempotencyKey: 'row-49' })).toEqual({ status: 'retryable', reason: 'no answer within 400 ms' });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(350);
    expect(took).toBeLessThan(2000);
  });

  it('a closed port is a retryable failure', async () => {
    const t = (await transports({ SMS_WEBHOOK_URL: `http://127.0.0.1:${await freePort()}/sms` })).sms!;
    expect(await t.send(sms, { idempotencyKey: 'row-50' })).toEqual({ status: 'retryable', reason: 'ECONNREFUSED' });
  });

  it('refuses an idempotency key that could not travel in a header unchanged', async () => {
    peer = await startWebhookPeer();
    await expect((await smsTo(peer)).send(sms, { idempotencyKey: 'a\r\nX-Evil: 1' })).rejects.toThrow(TypeError);
    expect(peer.received).toHaveLength(0);
  });
});

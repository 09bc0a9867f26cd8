// SPEC D2 email: what a real SMTP server receives from the SMTP transport, and how each failure is reported.
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { codeMessage } from '../../src/notify/texts.js';
import { transportsFromConfig, type Transport } from '../../src/notify/transports/index.js';
import { selfSignedCertificate, startSmtpPeer, type SmtpPeer } from '../support/smtp-peer.js';
import { freePort } from '../support/portal-process.js';

const FROM = 'My Card <no-reply@example.jp>';
const expiresAt = Date.UTC(2025, 0, 23, 5, 35); // 14:35 in Japan
const message = codeMessage({ channel: 'email', procedure: 'reset', to: 'taro.yamada@example.jp', code: '482913', expiresAt, lang: 'ja', brand: 'My Card' });

let peer: SmtpPeer | undefined;
let transport: Transport | undefined;
afterEach(async () => {
  await transport?.close();
  await peer?.close();
  peer = transport = undefined;
});

async function emailTransport(url: string): Promise<Transport> {
  const t = (await transportsFromConfig(testConfig({ SMTP_URL: url, MAIL_FROM: FROM, NOTIFY_TIMEOUT_MS: '2000' }))).email;
  if (!t) throw new Error('no email transport');
  return t;
}

const lanAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('D2 email over SMTP to a real server', () => {
  it('delivers plain UTF-8 text with the guide subject, the From, and the idempotency key as Message-ID and header', async () => {
    peer = await startSmtpPeer();
    transport = await emailTransport(`smtp://127.0.0.1:${peer.port}`);
    expect(await transport.send(message, { idempotencyKey: 'msg-0001' })).toEqual({ status: 'sent' });
    expect(peer.arrived).toHaveLength(1);
    const { mail, envelope } = peer.arrived[0];
    expect(mail.subject).toBe('【My Card】パスワードの再設定の認証コードのお知らせ');
    expect(mail.text?.trimEnd()).toBe(message.text);
    expect(mail.text).toContain('認証コード：482913');
    expect(mail.text).toContain('14:35（日本時間）まで有効です');
    expect(mail.html).toBe(false);
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'text/plain', params: { charset: 'utf-8' } });
    expect(mail.from?.value).toEqual([{ name: 'My Card', address: 'no-reply@example.jp' }]);
    expect(envelope).toEqual({ from: 'no-reply@example.jp', to: ['taro.yamada@example.jp'] });
    expect(mail.messageId).toBe('<msg-0001@example.jp>');
    expect(mail.headers.get('idempotency-key')).toBe('msg-0001');
  });

  it('a retried send carries the same Message-ID and Idempotency-Key, so the receiver can tell it is the same message', async () => {
    peer = await startSmtpPeer();
    transport = await emailTransport(`smtp://localhost:${peer.port}`);
    await transport.send(message, { idempotencyKey: 'retry-7' });
    await transport.send(message, { idempotencyKey: 'retry-7' });
    await transport.send(message, { idempotencyKey: 'other-8' });
    expect(peer.arrived.map((a) => [a.mail.messageId, a.mail.headers.get('idempotency-key')])).toEqual([
      ['<retry-7@example.jp>', 'retry-7'],
      ['<retry-7@example.jp>', 'retry-7'],
      ['<other-8@example.jp>', 'other-8'],
    ]);
  });

  it('signs in with the user and the URL-encoded password from SMTP_URL', async () => {
    const seen: string[] = [];
    peer = await startSmtpPeer({
      authOptional: false,
      onAuth(auth, _session, done) {
        seen.push(`${auth.username}:${auth.password}`);
        done(auth.password === 'p@ss:w/rd' ? null : new Error('bad'), { user: auth.username });
      },
    });
    transport = await emailTransport(`smtp://mailer:${encodeURIComponent('p@ss:w/rd')}@127.0.0.1:${peer.port}`);
    expect(await transport.send(message, { idempotencyKey: 'auth-1' })).toEqual({ status: 'sent' });
    expect(seen).toEqual(['mailer:p@ss:w/rd']);
    expect(peer.arrived[0].user).toBe('mailer');
  });

  it('a refused login is a final failure that names the SMTP answer', async () => {
    peer = await startSmtpPeer({ authOptional: false, onAuth: (_a, _s, done) => done(new Error('no')) });
    transport = await emailTransport(`smtp://mailer:wrong@127.0.0.1:${peer.port}`);
    expect(await transport.send(message, { idempotencyKey: 'auth-2' })).toEqual({ status: 'final', reason: 'SMTP 535 EAUTH' });
    expect(peer.arrived).toHaveLength(0);
  });

  it('a 5xx answer is final, a 4xx answer retryable, and neither reason names the address (only its enhanced status)', async () => {
    let code = 550;
    peer = await startSmtpPeer({
      onRcptTo(address, _session, done) {
        done(Object.assign(new Error(`5.1.1 <${address.address}>: no such mailbox`), { responseCode: code }));
      },
    });
    transport = await emailTransport(`smtp://127.0.0.1:${peer.port}`);
    const refused = await transport.send(message, { idempotencyKey: 'rcpt-1' });
    expect(refused).toEqual({ status: 'final', reason: 'recipient refused: SMTP 550 5.1.1 EENVELOPE' });
    code = 451;
    expect(await transport.send(message, { idempotencyKey: 'rcpt-2' })).toEqual({ status: 'retryable', reason: 'SMTP 451 5.1.1 EENVELOPE' });
    expect(peer.arrived).toHaveLength(0);
  });

  it('a closed port is a retryable failure', async () => {
    transport = await emailTransport(`smtp://127.0.0.1:${await freePort()}`);
    expect(await transport.send(message, { idempotencyKey: 'closed-1' })).toEqual({ status: 'retryable', reason: 'ESOCKET ECONNREFUSED' });
  });

  it('smtps:// checks the certificate, on loopback too: a self-signed one sends nothing', async () => {
    peer = await startSmtpPeer({ secure: true, disabledCommands: [], ...selfSignedCertificate() });
    transport = await emailTransport(`smtps://localhost:${peer.port}`);
    expect(await transport.send(message, { idempotencyKey: 'tls-1' })).toEqual({ status: 'retryable', reason: 'ESOCKET DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(peer.arrived).toHaveLength(0);
  });

  const lan = lanAddress();
  describe.skipIf(!lan)('to a host that is not this machine', () => {
    it('smtp:// must upgrade with STARTTLS: a server that refuses it gets nothing, a final failure', async () => {
      peer = await startSmtpPeer({}, lan);
      transport = await emailTransport(`smtp://${lan}:${peer.port}`);
      const result = await transport.send(message, { idempotencyKey: 'starttls-1' });
      expect(result).toEqual({ status: 'final', reason: 'SMTP 500 ETLS' });
      expect(peer.arrived).toHaveLength(0);
    });

    it('STARTTLS with a certificate the system does not trust sends nothing', async () => {
      peer = await startSmtpPeer({ disabledCommands: [], ...selfSignedCertificate() }, lan);
      transport = await emailTransport(`smtp://${lan}:${peer.port}`);
      expect(await transport.send(message, { idempotencyKey: 'starttls-2' })).toEqual({ status: 'retryable', reason: 'ESOCKET DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(peer.arrived).toHaveLength(0);
    });

    it('the same server on loopback takes the plain message (TLS is required only across a network)', async () => {
      peer = await startSmtpPeer({}, '0.0.0.0');
      transport = await emailTransport(`smtp://127.0.0.1:${peer.port}`);
      expect(await transport.send(message, { idempotencyKey: 'plain-1' })).toEqual({ status: 'sent' });
      expect(peer.arrived[0].secure).toBe(false);
    });
  });
});

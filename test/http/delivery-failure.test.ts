// SPEC D4: with the SMTP port closed a code message fails for good after its attempts, the code page says so with the resend
// button, the failure is audited and counts toward no cap of S5 (the resend works at once when the server is back); a
// notice is delivered by a retry; and on R's pages a known and an unknown address look the same during the outage.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/index.js';
import { backoffMs } from '../../src/notify/worker.js';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { walkTo } from '../helpers/walk.js';
import { arrivedEntries, deliverAll } from '../support/arrived.js';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer.js';

const FAILED = catalogues.ja['verify.deliveryFailed'];
let port: number;
let smtp: SmtpPeer | undefined;
let h: Harness;

beforeEach(async () => {
  // a port that nothing listens on until the test starts the server there
  const probe = await startSmtpPeer();
  port = probe.port;
  await probe.close();
  h = await makeHarness({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'no-reply@example.jp', NOTIFY_TIMEOUT_MS: '1000' });
});
afterEach(async () => {
  await h.close();
  await smtp?.close();
  smtp = undefined;
});

/** Runs every attempt of the due rows, the clock moved past each backoff: NOTIFY_MAX_ATTEMPTS rounds in all. */
async function runAllAttempts(): Promise<void> {
  for (let attempt = 1; attempt <= h.config.NOTIFY_MAX_ATTEMPTS; attempt++) {
    await deliverAll(h);
    h.clock.advance(backoffMs(attempt));
  }
}

describe('SPEC D4 a failed delivery is visible', () => {
  it('the code page shows being sent, then the failure with the resend button; the resend works at once when the server is back', async () => {
    await addHolder(h, { legacyId: 'fail-01', legacyPassword: 'legacy-pass', cards: [{ email: 'card@example.jp' }], phones: ['09011112222'] });
    const b = await walkTo(h, 'migration', 'email-code', { id: 'fail-01', email: 'new@example.jp' });
    expect((await b.get('/migration/email-code')).body).toContain(catalogues.ja['verify.deliverySending']);
    await deliverAll(h);
    expect((await h.outbox())[0]).toMatchObject({ state: 'pending', attempts: 1 });
    await runAllAttempts();
    const page = await b.get('/migration/email-code');
    expect(page.body).toContain(FAILED);
    expect(page.body).toContain(catalogues.ja['verify.codeResend']);
    expect((await h.outbox())[0]).toMatchObject({ state: 'failed', attempts: 5, text: '' });
    const audit = (await h.inspect.rows('audit_log')).filter((r) => r.event === 'delivery_failed');
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatch(/"to":"n\*+@e\*+\.jp"/);
    expect(audit[0].detail).not.toContain('new@example.jp');

    smtp = await startSmtpPeer({}, '127.0.0.1', port);
    // within CODE_RESEND_SECONDS of the failed send: it does not count, so the resend goes at once
    const resent = await b.post('/migration/email-code/resend', {});
    expect(resent.status).toBe(303);
    await deliverAll(h);
    expect(smtp.arrived).toHaveLength(1);
    expect((await b.get('/migration/email-code')).body).toContain(catalogues.ja['verify.deliverySent']);
    const code = arrivedEntries(smtp)[0].code!;
    expect((await b.post('/migration/email-code', { code })).status).toBe(303);
  });

  it('a notice that could not be sent is delivered by a retry once the server is back', async () => {
    await addHolder(h, { phones: ['09011112222'], account: { email: 'notice@example.jp', password: 'Sakura#2025x' } });
    const b = browser(h);
    await b.post('/login', { id: 'notice@example.jp', password: 'Sakura#2025x' });
    await b.get('/settings/password');
    const changed = await b.post('/settings/password', { current: 'Sakura#2025x', password: 'Kawa!Nagare77', confirm: 'Kawa!Nagare77' });
    expect(changed.status).toBe(303);
    await deliverAll(h);
    expect((await h.outbox())[0]).toMatchObject({ state: 'pending', attempts: 1 });
    smtp = await startSmtpPeer({}, '127.0.0.1', port);
    await deliverAll(h);
    expect(smtp.arrived).toHaveLength(0); // not due before its backoff
    h.clock.advance(backoffMs(1));
    await deliverAll(h);
    expect(smtp.arrived.map((a) => a.envelope.to[0])).toEqual(['notice@example.jp']);
    expect((await h.outbox())[0]).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it("R's pages look the same for a known and an unknown address during an outage", async () => {
    await addHolder(h, { phones: ['09011112222'], account: { email: 'known@example.jp', password: 'Sakura#2025x' } });
    const known = browser(h);
    const unknown = browser(h);
    await known.get('/reset');
    await unknown.get('/reset');
    expect((await known.post('/reset', { email: 'known@example.jp' })).status).toBe(303);
    expect((await unknown.post('/reset', { email: 'nobody@example.jp' })).status).toBe(303);
    const plain = (body: string) => body.replace(/name="csrf" value="[^"]+"/g, '').replace(/(known|nobody)@example\.jp/g, 'someone@example.jp');
    const pages = async () => [plain((await known.get('/reset/email-code')).body), plain((await unknown.get('/reset/email-code')).body)];
    const [sendingKnown, sendingUnknown] = await pages();
    expect(sendingKnown).toBe(sendingUnknown);
    expect(sendingKnown).not.toContain(FAILED);
    await runAllAttempts();
    const [a, b] = await pages();
    expect(a).toContain(FAILED);
    expect(a).toBe(b);
  });

  it("R's pages say nothing when the provider refused only the recipient (a bouncing address): the notice would tell a known address from an unknown one", async () => {
    // the server is up and takes mail, but refuses this one mailbox at RCPT TO, as relays do for suppressed addresses
    smtp = await startSmtpPeer(
      {
        onRcptTo(address, _session, done) {
          if (address.address === 'dormant@example.jp') return done(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
          done();
        },
      },
      '127.0.0.1',
      port,
    );
    await addHolder(h, { phones: ['09011113333'], account: { email: 'dormant@example.jp', password: 'Sakura#2025x' } });
    const known = browser(h);
    const unknown = browser(h);
    await known.get('/reset');
    await unknown.get('/reset');
    expect((await known.post('/reset', { email: 'dormant@example.jp' })).status).toBe(303);
    expect((await unknown.post('/reset', { email: 'nobody@example.jp' })).status).toBe(303);
    await deliverAll(h);
    const row = (await h.outbox()).find((m) => m.to === 'dormant@example.jp');
    expect(row).toMatchObject({ state: 'failed' });
    const plain = (body: string) => body.replace(/name="csrf" value="[^"]+"/g, '').replace(/(dormant|nobody)@example\.jp/g, 'someone@example.jp');
    const [a, b] = [plain((await known.get('/reset/email-code')).body), plain((await unknown.get('/reset/email-code')).body)];
    expect(a).not.toContain(FAILED);
    expect(a).toBe(b);
  });
});

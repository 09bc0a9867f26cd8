// SPEC D3 (and R1/L6): no request waits for a delivery. With an SMTP server that holds every message for 3 s, R1 answers a
// known and an unknown address in well under a second, while the delivery worker is busy with the known one's code.
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer.js';

let h: Harness | undefined;
let smtp: SmtpPeer | undefined;
afterEach(async () => {
  await h?.close();
  await smtp?.close();
});

async function timedReset(email: string): Promise<number> {
  const b = browser(h!);
  await b.get('/reset');
  const started = performance.now();
  const res = await b.post('/reset', { email });
  const took = performance.now() - started;
  expect(res.status).toBe(303);
  expect(res.location).toBe('/reset/email-code');
  return took;
}

describe('SPEC D3 no request waits for a delivery', () => {
  it('R1 answers a known and an unknown address in well under a second while the provider takes 3 s', async () => {
    smtp = await startSmtpPeer({}, '127.0.0.1', 0, 3_000);
    h = await makeHarness({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'no-reply@example.jp', NOTIFY_TIMEOUT_MS: '10000' });
    await addHolder(h, { phones: ['09011112222'], account: { email: 'known@example.jp', password: 'Sakura#2025x' } });
    expect(await h.deliver()).toBe(0); // the worker and its SMTP transport are ready
    const known = await timedReset('known@example.jp');
    // the worker sends the known address's code now; the next request does not wait for it either
    const sending = h.deliver();
    const unknown = await timedReset('nobody@example.jp');
    const again = await timedReset('known@example.jp');
    expect(known).toBeLessThan(1_000);
    expect(unknown).toBeLessThan(1_000);
    expect(again).toBeLessThan(1_000);
    const started = performance.now();
    expect(await sending).toBeGreaterThanOrEqual(1);
    // the provider really was slow: the send took most of its 3 s after the requests had been answered
    expect(performance.now() - started).toBeGreaterThan(1_500);
    expect(smtp.arrived.length).toBeGreaterThanOrEqual(1);
    expect(new Set(smtp.arrived.map((a) => a.envelope.to[0]))).toEqual(new Set(['known@example.jp']));
  });
});

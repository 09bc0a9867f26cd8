// SPEC S5: send caps nobody can use up for someone else — per flow spacing, per destination and requester, per destination
// in all — and R1/G1 requests counted in the address throttle of L7. S10: code_sent names the masked destination,
// refused sends and verified codes are audited.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

const VICTIM = 'hanako@example.jp';
const UNKNOWN = 'nobody@example.jp';

async function setup(overrides: Record<string, string> = {}) {
  const h = await makeHarness({ TRUST_PROXY: 'true', ...overrides });
  await addHolder(h, { birthdate: '1980-02-03', phones: ['09011112222'], cards: [{ number: '4980123412345678', email: VICTIM }], account: { email: VICTIM, password: 'Sakura#2025x' } });
  return h;
}

const from = (h: Harness, address: string) => browser(h, { 'x-forwarded-for': address });
const mailsTo = async (h: Harness, to: string) => (await h.outbox()).filter((m) => m.to === to && m.code).length;
const audit = async (h: Harness, event: string) => (await h.inspect.rows('audit_log')).filter((r) => r.event === event).map((r) => ({ ...r, detail: JSON.parse(r.detail ?? 'null') }));

/** One R1 request from a fresh browser at `address`: the status and where it leads. */
async function requestReset(h: Harness, address: string, email: string) {
  const b = from(h, address);
  await b.get('/reset');
  const res = await b.post('/reset', { email });
  return { b, status: res.status, location: res.location, body: res.body };
}

describe('S5 per destination and requester', () => {
  it('five resets an hour for someone’s address from one requester do not stop the owner’s own reset', async () => {
    const h = await setup();
    for (let i = 0; i < 5; i++) expect((await requestReset(h, '203.0.113.66', VICTIM)).location).toBe('/reset/email-code');
    expect((await mailsTo(h, VICTIM))).toBe(5);
    // the sixth from the same requester: the same answer, but nothing is sent, and the refusal is audited with its cap
    const sixth = await requestReset(h, '203.0.113.66', VICTIM);
    expect(sixth.location).toBe('/reset/email-code');
    expect((await mailsTo(h, VICTIM))).toBe(5);
    const [refused] = await audit(h, 'code_send_refused');
    expect(refused.detail).toMatchObject({ cap: 'requesterHourly', to: 'h*****@e******.jp', channel: 'email' });
    expect(refused.address).toBe('203.0.113.66');
    // the owner, from their own network, still gets a code
    const own = await requestReset(h, '198.51.100.5', VICTIM);
    expect(own.location).toBe('/reset/email-code');
    expect((await mailsTo(h, VICTIM))).toBe(6);
  });

  it('an IPv6 requester is one requester per /64', async () => {
    const h = await setup();
    for (let i = 0; i < 5; i++) await requestReset(h, `2001:db8:1:2::${i + 1}`, VICTIM);
    await requestReset(h, '2001:db8:1:2:ffff::9', VICTIM);
    expect((await mailsTo(h, VICTIM))).toBe(5);
    await requestReset(h, '2001:db8:1:3::1', VICTIM);
    expect((await mailsTo(h, VICTIM))).toBe(6);
  });

  it('a known and an unknown address get the same answers at the same points', async () => {
    const h = await setup();
    const answers = async (email: string, address: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await requestReset(h, address, email);
        const page = await r.b.get(r.location!);
        seen.push(`${r.status} ${r.location} ${page.status} ${page.body.replace(/value="[^"]*"/g, '').replace(/\d\d:\d\d/g, 'HH:MM').length}`);
      }
      return seen;
    };
    expect(await answers(UNKNOWN, '192.0.2.1')).toEqual(await answers(VICTIM, '192.0.2.2'));
  });
});

describe('S5 per destination across every requester', () => {
  it('the mail-bomb ceiling holds across requesters, and is audited as such', async () => {
    const h = await setup({ CODE_MAX_SENDS_PER_DESTINATION_PER_HOUR: '6' });
    for (let i = 0; i < 6; i++) await requestReset(h, `203.0.113.${10 + i}`, VICTIM);
    expect((await mailsTo(h, VICTIM))).toBe(6);
    expect((await requestReset(h, '198.51.100.77', VICTIM)).location).toBe('/reset/email-code');
    expect((await mailsTo(h, VICTIM))).toBe(6);
    const [refused] = await audit(h, 'code_send_refused');
    expect(refused.detail).toMatchObject({ cap: 'destinationHourly' });
    // an hour after the first send, the ceiling frees a send
    h.clock.advance(3600 * 1000);
    await requestReset(h, '198.51.100.77', VICTIM);
    expect((await mailsTo(h, VICTIM))).toBe(7);
  });

  it('the default ceiling is 50 an hour', async () => {
    const h = await setup();
    expect(h.config.CODE_MAX_SENDS_PER_DESTINATION_PER_HOUR).toBe(50);
  });
});

describe('S5 per flow', () => {
  it('a resend within CODE_RESEND_SECONDS is refused and audited as the flow spacing', async () => {
    const h = await setup();
    const { b } = await requestReset(h, '203.0.113.5', VICTIM);
    h.clock.advance(10_000);
    const resend = await b.post('/reset/email-code/resend', {});
    expect(resend.status).toBe(429);
    expect((await mailsTo(h, VICTIM))).toBe(1);
    expect((await audit(h, 'code_send_refused'))[0].detail).toMatchObject({ cap: 'flowSpacing' });
    h.clock.advance(20_000);
    expect((await b.post('/reset/email-code/resend', {})).status).toBe(303);
    expect((await mailsTo(h, VICTIM))).toBe(2);
  });
});

describe('S5 R1 and G1 count in the address throttle of L7', () => {
  it('a throttled R1 answers 429 and does nothing, for a known and an unknown address alike', async () => {
    const h = await setup({ IP_MAX_FAILURES: '3' });
    for (let i = 0; i < 3; i++) expect((await requestReset(h, '203.0.113.9', i % 2 ? VICTIM : UNKNOWN)).status).toBe(303);
    const flows = await h.inspect.count('flow');
    const challenges = await h.inspect.count('challenge');
    for (const email of [VICTIM, UNKNOWN]) {
      const r = await requestReset(h, '203.0.113.9', email);
      expect(r.status).toBe(429);
      expect(r.body).toContain('しばらく時間をおいて再度お試しください。');
    }
    expect(await h.inspect.count('flow')).toBe(flows);
    expect(await h.inspect.count('challenge')).toBe(challenges);
    // another address is not affected
    expect((await requestReset(h, '198.51.100.9', VICTIM)).status).toBe(303);
  });

  it('right card details count too: a throttled G1 answers 429 and starts nothing', async () => {
    const h = await setup({ IP_MAX_FAILURES: '3' });
    const identify = async () => {
      const b = from(h, '203.0.113.9');
      await b.get('/register');
      return b.post('/register', { card: '4980 1234 1234 5678', birthdate: '1980-02-03' });
    };
    for (let i = 0; i < 3; i++) expect((await identify()).location).toBe('/register/phone');
    const flows = await h.inspect.count('flow');
    const texts = (await h.outbox()).length;
    expect((await identify()).status).toBe(429);
    expect(await h.inspect.count('flow')).toBe(flows);
    expect((await h.outbox())).toHaveLength(texts);
  });
});

describe('S10 code audit rows', () => {
  it('code_sent names the masked destination; a right code writes code_verified', async () => {
    const h = await setup();
    const { b } = await requestReset(h, '203.0.113.5', VICTIM);
    const [sent] = await audit(h, 'code_sent');
    expect(sent.detail).toMatchObject({ channel: 'email', to: 'h*****@e******.jp' });
    expect(JSON.stringify(await h.inspect.rows('audit_log'))).not.toContain(VICTIM);
    const code = (await h.outbox()).find((m) => m.to === VICTIM)!.code!;
    expect((await b.post('/reset/email-code', { code })).location).toBe('/reset/phone');
    const verified = await audit(h, 'code_verified');
    expect(verified).toHaveLength(1);
    expect(verified[0].detail).toMatchObject({ purpose: 'email' });
    expect(verified[0].accountId).toBe((await h.inspect.rows('account'))[0].id);
    // the SMS on arrival at the phone step names the masked number
    const sms = (await audit(h, 'code_sent')).find((r) => r.detail.channel === 'sms')!;
    expect(sms.detail.to).toBe('***-****-2222');
  });
});

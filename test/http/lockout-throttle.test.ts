// SPEC L7, X5: more than IP_MAX_FAILURES failed sign-ins from one address per window → 429, and nothing is hashed.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';


const THROTTLED = 'しばらく時間をおいて再度お試しください。';
const MAX = 3;
const WINDOW_S = 600;

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ IP_MAX_FAILURES: String(MAX), IP_WINDOW_SECONDS: String(WINDOW_S), LOGIN_MAX_FAILURES: '100', TRUST_PROXY: 'true' });
  await addHolder(h, { account: { email: 'hanako@example.jp', password: 'Sakura#2025x' } });
});

const from = (address: string) => browser(h, { 'x-forwarded-for': address });

async function failFrom(b: ReturnType<typeof browser>, times: number) {
  for (let i = 0; i < times; i++) expect((await b.post('/login', { id: `guess${i}@example.jp`, password: 'wrong' })).status).toBe(422);
}

describe('L7 address throttle', () => {
  it(`after ${MAX} failures the next sign-in gets 429 with the guide's message, even with the right password, and hashes nothing`, async () => {
    const b = from('203.0.113.7');
    await failFrom(b, MAX);
    const before = h.verifications();
    const res = await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    expect(res.status).toBe(429);
    expect(res.body).toContain(THROTTLED);
    expect(res.body).toContain('<title>エラー: ');
    expect(res.body).toContain('value="hanako@example.jp"');
    expect(res.body).toContain('href="/help#throttled"');
    // the window ends 10 minutes after the first failure: 10:10 in Tokyo
    expect(res.body).toContain('10:10以降に再度お試しください');
    expect(res.res.headers.get('retry-after')).toBe(String(WINDOW_S));
    for (let i = 0; i < 5; i++) expect((await b.post('/login', { id: `more${i}`, password: 'x' })).status).toBe(429);
    expect(h.verifications()).toBe(before);
    expect((await h.inspect.rows('session'))).toHaveLength(0);
  });

  it('the proof is live: an unthrottled failure does run one verification', async () => {
    const before = h.verifications();
    await failFrom(from('203.0.113.8'), 1);
    expect(h.verifications()).toBe(before + 1);
  });

  it('another address is not affected', async () => {
    await failFrom(from('203.0.113.7'), MAX);
    expect((await from('198.51.100.1').post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' })).status).toBe(303);
  });

  it('the window passing lets the address try again', async () => {
    const b = from('203.0.113.7');
    await failFrom(b, MAX);
    h.clock.advance((WINDOW_S - 1) * 1000);
    expect((await b.post('/login', { id: 'x@example.jp', password: 'y' })).status).toBe(429);
    h.clock.advance(1000);
    expect((await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' })).status).toBe(303);
  });

  it('successful sign-ins do not use up the allowance', async () => {
    const b = from('203.0.113.7');
    for (let i = 0; i < MAX + 2; i++) expect((await from('203.0.113.7').post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' })).status).toBe(303);
    await failFrom(b, MAX);
    expect((await b.post('/login', { id: 'z@example.jp', password: 'y' })).status).toBe(429);
  });

  it('attempts on a locked ID count as failures too', async () => {
    h = await makeHarness({ IP_MAX_FAILURES: String(MAX), LOGIN_MAX_FAILURES: '1', TRUST_PROXY: 'true' });
    const b = from('203.0.113.7');
    for (let i = 0; i < MAX; i++) expect((await b.post('/login', { id: 'same@example.jp', password: 'wrong' })).status).toBe(422);
    expect((await b.post('/login', { id: 'same@example.jp', password: 'wrong' })).status).toBe(429);
  });

  // SPEC S6: the throttle is checked (read-only) before hashing and a failure counted after its outcome, so sign-ins in
  // flight are not failures yet: a simultaneous burst can exceed IP_MAX_FAILURES by the hashes in flight, never more
  it(`${4 * MAX} simultaneous failures from one address: each verified one is counted, and once counted the address is throttled and hashes nothing`, async () => {
    const b = from('203.0.113.7');
    await b.get('/login');
    const before = h.verifications();
    const res = await Promise.all(Array.from({ length: 4 * MAX }, (_, i) => b.post('/login', { id: `g${i}@example.jp`, password: 'wrong' })));
    const failed = res.filter((r) => r.status === 422).length;
    expect(failed).toBeGreaterThanOrEqual(MAX);
    expect(failed + res.filter((r) => r.status === 429).length).toBe(4 * MAX);
    expect(h.verifications() - before).toBe(failed);
    expect((await h.inspect.rows('address_throttle'))[0].failures).toBe(failed);
    const after = h.verifications();
    expect((await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' })).status).toBe(429);
    expect(h.verifications()).toBe(after);
  });

  it('logs the first refused request of each window with its address and hashed identifier (X5), not every one of a flood', async () => {
    const b = from('203.0.113.7');
    await failFrom(b, MAX);
    for (let i = 0; i < 5; i++) expect((await b.post('/login', { id: 'hanako@example.jp', password: 'x' })).status).toBe(429);
    const rows = async () => (await h.inspect.rows('audit_log')).filter((rec) => rec.event === 'sign_in_throttled');
    expect((await rows())).toHaveLength(1);
    expect((await rows())[0].address).toBe('203.0.113.7');
    expect((await rows())[0].subject).toMatch(/^[A-Za-z0-9_-]{43}$/);
    h.clock.advance(WINDOW_S * 1000);
    await failFrom(b, MAX);
    await b.post('/login', { id: 'hanako@example.jp', password: 'x' });
    expect((await rows())).toHaveLength(2);
  });
});

// issue 20: a flood's refusals cost no database work: the process remembers a throttled address until its window ends,
// asking the database again each second (an operator may have cleared it from another process)
describe('L7 a throttled address is remembered', () => {
  function countReads() {
    const lockout = h.stores.lockout;
    const counts = { gate: 0, slot: 0 };
    const [gate, slot] = [lockout.checkSignIn.bind(lockout), lockout.takeAddressSlot.bind(lockout)];
    lockout.checkSignIn = (input) => (counts.gate++, gate(input));
    lockout.takeAddressSlot = (input) => (counts.slot++, slot(input));
    return counts;
  }

  it('a flood of refusals reads the throttle once a second, with the same page, Retry-After and one audit row', async () => {
    const b = from('203.0.113.7');
    await failFrom(b, MAX);
    const reads = countReads();
    for (let i = 0; i < 20; i++) {
      const res = await b.post('/login', { id: `flood${i}@example.jp`, password: 'x' });
      expect(res.status).toBe(429);
      expect(res.body).toContain('10:10以降に再度お試しください');
      expect(res.res.headers.get('retry-after')).toBe(String(WINDOW_S));
    }
    expect(reads.gate).toBe(1);
    h.clock.advance(1000);
    expect((await b.post('/login', { id: 'again@example.jp', password: 'x' })).status).toBe(429);
    expect(reads.gate).toBe(2);
    expect((await h.inspect.rows('audit_log')).filter((r) => r.event === 'sign_in_throttled')).toHaveLength(1);
    expect((await h.inspect.rows('address_throttle'))[0].failures).toBe(MAX);
  });

  it('another address is asked about in its own right', async () => {
    await failFrom(from('203.0.113.7'), MAX);
    expect((await from('203.0.113.7').post('/login', { id: 'x@example.jp', password: 'y' })).status).toBe(429);
    expect((await from('198.51.100.1').post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' })).status).toBe(303);
  });

  it('a throttle cleared in the database (another process) is believed within a second', async () => {
    const b = from('203.0.113.7');
    await failFrom(b, MAX);
    expect((await b.post('/login', { id: 'x@example.jp', password: 'y' })).status).toBe(429);
    await h.inspect.clear('address_throttle');
    expect((await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' })).status).toBe(429);
    h.clock.advance(1000);
    expect((await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' })).status).toBe(303);
  });

  it('the password reset request (R1) shares the memory: refused without asking once the sign-in found the address throttled', async () => {
    const b = from('203.0.113.7');
    await failFrom(b, MAX);
    expect((await b.post('/login', { id: 'x@example.jp', password: 'y' })).status).toBe(429);
    const reads = countReads();
    const res = await b.post('/reset', { email: 'hanako@example.jp' });
    expect(res.status).toBe(429);
    expect(res.body).toContain(THROTTLED);
    expect(reads.slot).toBe(0);
    // refused before any work: no reset flow, nothing to send, the address's count unchanged
    expect(await h.inspect.count('flow')).toBe(0);
    expect(await h.inspect.count('outbox')).toBe(0);
    expect((await h.inspect.rows('address_throttle'))[0].failures).toBe(MAX);
  });
});

describe('L7 TRUST_PROXY decides whether X-Forwarded-For is believed', () => {
  it('when false, a changing X-Forwarded-For does not escape the throttle', async () => {
    h = await makeHarness({ IP_MAX_FAILURES: String(MAX), TRUST_PROXY: 'false' });
    const b = browser(h);
    for (let i = 0; i < MAX; i++) expect((await b.post('/login', { id: 'a@example.jp', password: 'x' }, { 'x-forwarded-for': `192.0.2.${i}` })).status).toBe(422);
    const res = await b.post('/login', { id: 'a@example.jp', password: 'x' }, { 'x-forwarded-for': '192.0.2.99' });
    expect(res.status).toBe(429);
    const rows = (await h.inspect.rows('audit_log')).filter((rec) => rec.event === 'sign_in_throttled');
    expect(rows[0].address).toBe('unknown'); // app.request() has no socket; the header was not believed
  });

  it('when true, the client is the address the proxy wrote (the last entry), not what the client wrote before it (SPEC O8)', async () => {
    const b = browser(h);
    await failFrom(from('10.0.0.1, 192.0.2.1'), MAX);
    expect((await b.post('/login', { id: 'a@example.jp', password: 'x' }, { 'x-forwarded-for': '10.0.0.2, 192.0.2.1' })).status).toBe(429);
    expect((await b.post('/login', { id: 'a@example.jp', password: 'x' }, { 'x-forwarded-for': '10.0.0.1, 192.0.2.2' })).status).toBe(422);
  });
});

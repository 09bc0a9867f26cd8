// SPEC S6: at most HASH_QUEUE_MAX hashes wait; beyond that a styled 503 with Retry-After and nothing counted.
// A correct sign-in never counts toward the address throttle; sign-ins in flight are not failures.
import { afterEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

let h: Harness;
afterEach(async () => {
  // the queue bound is per process: put the default back for the next file's harnesses
  await (await makeHarness()).close();
});

const from = (address: string) => browser(h, { 'x-forwarded-for': address });

describe('S6 hash queue', () => {
  it('beyond HASH_QUEUE_MAX waiting hashes: 503 with Retry-After, and a refused request counts for nobody', async () => {
    h = await makeHarness({ HASH_QUEUE_MAX: '1', IP_MAX_FAILURES: '1000', LOGIN_MAX_FAILURES: '100', TRUST_PROXY: 'true' });
    const browsers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const b = from('203.0.113.9');
        await b.get('/login');
        return b;
      }),
    );
    const answers = await Promise.all(browsers.map((b) => b.post('/login', { id: 'someone@example.jp', password: 'wrong-password' })));
    const refused = answers.filter((a) => a.status === 503);
    const counted = answers.filter((a) => a.status === 422);
    expect(refused.length).toBeGreaterThan(0);
    expect(counted.length + refused.length).toBe(12);
    for (const r of refused) {
      expect(Number(r.res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(r.body).toContain('<title>');
      expect(r.body).toContain('しばらく時間をおいて再度お試しください');
    }
    // only the answered failures were counted, for the ID and for the address
    expect((await h.inspect.rows('sign_in_attempt'))[0].failures).toBe(counted.length);
    expect((await h.inspect.rows('address_throttle'))[0].failures).toBe(counted.length);
    expect((await h.inspect.rows('audit_log')).filter((r) => r.event === 'sign_in_failed')).toHaveLength(counted.length);
  });

  it('30 honest members signing in at once behind one address all get in, and count nothing against the address', async () => {
    h = await makeHarness({ IP_MAX_FAILURES: '10', TRUST_PROXY: 'true' });
    await addHolder(h, { account: { email: 'hanako@example.jp', password: 'Sakura#2025x' } });
    const browsers = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const b = from('198.51.100.20');
        await b.get('/login');
        return b;
      }),
    );
    const answers = await Promise.all(browsers.map((b) => b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' })));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(303));
    expect(await h.inspect.rows('address_throttle')).toHaveLength(0);
  });

  it('a burst of failures from one address exceeds IP_MAX_FAILURES by at most the hashes in flight, then is throttled', async () => {
    h = await makeHarness({ IP_MAX_FAILURES: '3', LOGIN_MAX_FAILURES: '100', TRUST_PROXY: 'true' });
    const browsers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const b = from('192.0.2.30');
        await b.get('/login');
        return b;
      }),
    );
    const answers = await Promise.all(browsers.map((b, i) => b.post('/login', { id: `guess${i}@example.jp`, password: 'wrong' })));
    const failures = answers.filter((a) => a.status === 422).length;
    expect(failures).toBeGreaterThanOrEqual(3);
    expect(failures + answers.filter((a) => a.status === 429).length).toBe(10);
    expect((await h.inspect.rows('address_throttle'))[0].failures).toBe(failures);
    // once the outcomes are in, the address is throttled
    expect((await from('192.0.2.30').post('/login', { id: 'late@example.jp', password: 'wrong' })).status).toBe(429);
  });
});

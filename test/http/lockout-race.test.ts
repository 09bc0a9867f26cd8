// SPEC L5 under concurrency: simultaneous wrong passwords stop at the limit with one lock and one notice, and a right password racing
// the locking failure never signs in once the lock is written.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, type Harness } from '../helpers/app.js';
import { auditRows, fail, GENERIC, LOCKED_MY_ID, lockNotices, lockoutHolders, N } from '../helpers/lockout.js';

let h: Harness;
beforeEach(async () => {
  h = await lockoutHolders();
});

const notices = () => lockNotices(h);
const audit = (event: string) => auditRows(h, event);

describe('L5 exact under concurrency', () => {
  it(`${3 * N} simultaneous wrong passwords: the count stops at ${N}, one lock, one notice`, async () => {
    const b = browser(h);
    await b.get('/login');
    const res = await Promise.all(Array.from({ length: 3 * N }, (_, i) => b.post('/login', { id: 'hanako@example.jp', password: `wrong-${i}` })));
    expect(res.every((r) => r.status === 422)).toBe(true);
    expect(res.filter((r) => r.body.includes(GENERIC))).toHaveLength(N - 1);
    expect(res.filter((r) => r.body.includes(LOCKED_MY_ID))).toHaveLength(2 * N + 1);
    const row = (await h.inspect.rows('sign_in_attempt'))[0];
    expect(row?.failures).toBe(N);
    expect((await notices())).toHaveLength(1);
    expect(await audit('sign_in_locked')).toHaveLength(1);
  });

  it('a right password racing the locking failure never signs in once the lock is written', async () => {
    const b = browser(h);
    await fail(b, 'hanako@example.jp', N - 1);
    const [wrong, right] = await Promise.all([
      b.post('/login', { id: 'hanako@example.jp', password: 'wrong-last' }),
      browser(h).post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' }),
    ]);
    const row = (await h.inspect.rows('sign_in_attempt'))[0];
    if (right.status === 303) {
      // the success was counted first: it reset the count, so the wrong one is failure 1
      expect(wrong.body).toContain(GENERIC);
      expect(row?.failures).toBe(1);
    } else {
      expect(right.body).toContain(LOCKED_MY_ID);
      expect(row?.lockedAt).not.toBeNull();
      expect((await h.inspect.rows('session'))).toHaveLength(0);
    }
  });
});

// SPEC L5, R3: the ways out of a lock — a completed password reset ends it — and the demo seed's locked My ID.
import { beforeEach, describe, expect, it } from 'vitest';
import { seedDemo, DEMO_LOCKED_ID } from '../../src/cli/seed-demo.js';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { fail, LOCKED_MY_ID, lockoutHolders, N } from '../helpers/lockout.js';
import { walkTo } from '../helpers/walk.js';

let h: Harness;
beforeEach(async () => {
  h = await lockoutHolders();
});

describe('L5 ways out and the demo lock', () => {
  it('a completed password reset ends the lock (SPEC R3)', async () => {
    await fail(browser(h), 'hanako@example.jp', N);
    await walkTo(h, 'reset', 'done', { email: 'Hanako@Example.jp', newPassword: 'Kumo#River82' });
    expect((await browser(h).post('/login', { id: 'hanako@example.jp', password: 'Kumo#River82' })).status).toBe(303);
  });

  it("the demo seed's locked My ID is refused with the lock message even with its right password", async () => {
    h = await makeHarness(); // the seed only fills an empty database
    expect((await seedDemo(h.deps)).seeded).toBe(true);
    const res = await browser(h).post('/login', { id: DEMO_LOCKED_ID, password: 'Demo#2025lock' });
    expect(res.status).toBe(422);
    expect(res.body).toContain(LOCKED_MY_ID);
  });
});

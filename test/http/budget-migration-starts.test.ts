// SPEC S3: a legacy or initial ID's right password starts at most MIGRATION_STARTS_PER_DAY migration flows in 24 hours.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

const BUDGET_JA = 'しばらく時間をおいて再度お手続きください';
const MINUTE = 60_000;

let h: Harness;
beforeEach(async () => {
  // the clock starts at 10:00 in Tokyo
  h = await makeHarness({ LOGIN_MAX_FAILURES: '100' });
  await addHolder(h, { legacyId: 'taro-01', legacyPassword: 'old-pass-1', cards: [{ email: 'taro@example.jp' }], phones: ['09011112222'] });
});

const signIn = (password = 'old-pass-1', headers: Record<string, string> = {}) => browser(h, headers).post('/login', { id: 'taro-01', password });

async function useUpBudget(times = 10) {
  for (let i = 0; i < times; i++) {
    const res = await signIn();
    expect(res.status).toBe(303);
    expect(res.location).toBe('/migration/terms');
    h.clock.advance(MINUTE);
  }
}

describe('S3 migration starts per legacy ID', () => {
  it('the 11th right password in 24 hours starts no flow and gets its own timed message, not a failure or a lock', async () => {
    await useUpBudget();
    const outboxBefore = (await h.outbox()).length;
    const b = browser(h);
    const res = await b.post('/login', { id: 'taro-01', password: 'old-pass-1' });
    expect(res.status).toBe(429);
    expect(res.body).toContain(BUDGET_JA);
    // the oldest of the ten started at 10:00; it leaves the window at 10:00 the next day (Japan time)
    expect(res.body).toContain('10:00以降');
    expect(res.body).toContain('href="/help#migration-budget"');
    expect(res.res.headers.get('retry-after')).toBe(String(24 * 3600 - 10 * 60));
    expect(b.jar.has('flow')).toBe(false);
    expect(await h.inspect.count('flow')).toBe(10);
    // not a failure, not a lock, no notice
    expect(await h.inspect.rows('sign_in_attempt')).toHaveLength(0);
    expect((await h.outbox())).toHaveLength(outboxBefore);
    expect(res.body).not.toContain('ロックされている');
    const refused = (await h.inspect.rows('audit_log')).filter((r) => r.event === 'migration_start_refused');
    expect(refused).toHaveLength(1);
  });

  it('in English too', async () => {
    await useUpBudget();
    const res = await signIn('old-pass-1', { 'accept-language': 'en' });
    expect(res.status).toBe(429);
    expect(res.body).toContain('Please wait a while and start the procedure again after 10:00 (Japan time).');
  });

  it('wrong passwords are answered exactly as before, budget used up or not', async () => {
    const before = await signIn('wrong-pass');
    await useUpBudget();
    const after = await signIn('wrong-pass');
    expect(after.status).toBe(422);
    expect(after.status).toBe(before.status);
    expect(after.body).toContain('入力されたIDとパスワードではログインできません。');
    expect(after.body).not.toContain(BUDGET_JA);
    // a right password restarts the consecutive count (L5); the wrong one after the budget is counted as before
    expect((await h.inspect.rows('sign_in_attempt'))[0].failures).toBe(1);
  });

  it('the window is rolling: 24 hours after the oldest start, one more flow may start', async () => {
    await useUpBudget();
    h.clock.set(Date.UTC(2025, 0, 16, 1, 0, 0) - 1);
    expect((await signIn()).status).toBe(429);
    h.clock.advance(1);
    expect((await signIn()).location).toBe('/migration/terms');
    expect((await signIn()).status).toBe(429);
  });

  it('two racing right passwords cannot both pass the 10th start', async () => {
    await useUpBudget(9);
    const [a, b] = await Promise.all([signIn(), signIn()]);
    expect([a.status, b.status].sort()).toEqual([303, 429]);
    expect(await h.inspect.count('flow')).toBe(10);
  });

  it('another legacy ID has its own budget', async () => {
    await addHolder(h, { legacyId: 'hana-02', legacyPassword: 'old-pass-2' });
    await useUpBudget();
    expect((await browser(h).post('/login', { id: 'hana-02', password: 'old-pass-2' })).location).toBe('/migration/terms');
  });
});

// SPEC §3 on the migration, each test with a holder of its own: steps not reached, cancel, いいえ at M5, an expired or unknown flow,
// a double submit of the completing password. The guard against the shared edge holders: migration-guards.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { migrationSnapshot } from '../helpers/snapshot.js';
import { GOOD_PASSWORD, startMigration } from '../helpers/walk.js';
import { lastCode } from '../helpers/codes.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});

const snapshot = () => migrationSnapshot(h);

describe('the flow guard (SPEC §3)', () => {
  it('a step not reached yet redirects to the current step', async () => {
    await addHolder(h, { legacyId: 'skip-07' });
    const b = browser(h);
    await b.post('/login', { id: 'skip-07', password: 'legacy-pass' });
    for (const step of ['email-choice', 'new-email', 'email-code', 'confirm-email', 'phone', 'password', 'done']) {
      const res = await b.get(`/migration/${step}`);
      expect(res.status, step).toBe(303);
      expect(res.location, step).toBe('/migration/terms');
    }
    const post = await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD });
    expect(post.location).toBe('/migration/terms');
    expect((await h.inspect.rows('account'))).toHaveLength(0);
  });

  it('cancel ends the flow, changes nothing and returns to sign-in with the message', async () => {
    await addHolder(h, { legacyId: 'cancel-08' });
    const before = await snapshot();
    const { b } = await startMigration(h, 'cancel-08', 'legacy-pass');
    const res = await b.post('/migration/cancel', {});
    expect(res.location).toBe('/login?flow=cancelled');
    expect((await b.get('/login?flow=cancelled')).body).toContain('お手続きを中止しました。');
    expect((await b.get('/migration/email-choice')).location).toBe('/login?flow=expired');
    expect(await snapshot()).toEqual(before);
    expect((await h.inspect.rows('flow'))[0]!.endedAt).not.toBeNull();
  });

  it('いいえ at M5 ends the flow and nothing changes', async () => {
    await addHolder(h, { legacyId: 'no-09', cards: [{ email: 'keep@example.jp' }] });
    const before = await snapshot();
    const { b } = await startMigration(h, 'no-09', 'legacy-pass');
    await b.post('/migration/email-choice', { choice: 'no' });
    await b.post('/migration/new-email', { email: 'other@example.jp' });
    await b.post('/migration/email-code', { code: (await lastCode(h, 'other@example.jp')) });
    expect((await b.post('/migration/cancel', {})).location).toBe('/login?flow=cancelled');
    expect(await snapshot()).toEqual(before);
  });

  it('an expired flow returns to sign-in with a message', async () => {
    await addHolder(h, { legacyId: 'slow-10' });
    const { b, location } = await startMigration(h, 'slow-10', 'legacy-pass');
    h.clock.advance((h.config.FLOW_TTL_SECONDS + 1) * 1000);
    const res = await b.get(location);
    expect(res.location).toBe('/login?flow=expired');
    expect((await b.get(res.location!)).body).toContain('お手続きの有効期限が切れました。');
  });

  it('an unknown flow cookie is treated as expired', async () => {
    const res = await h.app.request('/migration/terms', { headers: { cookie: 'flow=forged-token' } });
    expect(res.headers.get('location')).toBe('/login?flow=expired');
  });

  it('a second submit of the completing password writes nothing more', async () => {
    await addHolder(h, { legacyId: 'twice-11', cards: [{ email: 'twice@example.jp' }] });
    const { b } = await startMigration(h, 'twice-11', 'legacy-pass');
    await b.post('/migration/email-choice', { choice: 'yes' });
    await b.post('/migration/phone', { code: (await lastCode(h, '09012345678')) });
    const [one, two] = await Promise.all([
      b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }),
      b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }),
    ]);
    // the loser is sent back through the guard, which takes it to where the flow is now: done
    for (const res of [one, two]) {
      const landed = res.location === '/migration/done' ? res : await b.get(res.location!);
      expect(landed.location ?? '/migration/done').toBe('/migration/done');
    }
    expect((await h.inspect.rows('account'))).toHaveLength(1);
    expect((await h.outbox()).filter((m) => m.subject.includes('登録完了'))).toHaveLength(1);
  });
});

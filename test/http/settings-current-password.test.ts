// SPEC T2 + L5: the current password asked before a change counts towards the My ID's lock like a sign-in, the same way.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, type Harness } from '../helpers/app.js';
import { EMAIL, NEW_PASSWORD, PASSWORD, settingsMember, signedIn } from '../helpers/settings.js';

let h: Harness;
let accountId: number;
beforeEach(async () => {
  ({ h, accountId } = await settingsMember());
});

describe('T2 wrong current passwords count towards the lock (L5)', () => {
  it('locks the My ID after LOGIN_MAX_FAILURES wrong entries, signs the member out everywhere and sends the lock notice', async () => {
    const b = await signedIn(h);
    const other = await signedIn(h);
    await b.get('/settings/password');
    for (let i = 1; i < h.config.LOGIN_MAX_FAILURES; i++) {
      expect((await b.post('/settings/password', { current: `Wrong#${i}pass`, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(422);
    }
    const locked = await b.post('/settings/password', { current: 'Wrong#0pass', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(locked.status).toBe(422);
    expect(locked.body).toContain('IDが無効となっています');
    expect(locked.body).toContain('href="/reset"');
    expect((await h.inspect.rows('session'))).toHaveLength(0);
    expect((await h.inspect.rows('sign_in_attempt'))[0]!.lockedAt).not.toBeNull();
    expect((await h.outbox())[0].to).toBe(EMAIL);
    expect((await other.get('/top')).status).toBe(303);
    // the right password no longer signs in
    expect((await browser(h).post('/login', { id: EMAIL, password: PASSWORD })).body).toContain('IDが無効となっています');
  });

  it('counts consecutive failures, as sign-in does: a right current password ends the run', async () => {
    const b = await signedIn(h);
    await b.get('/settings/password');
    for (let i = 1; i < h.config.LOGIN_MAX_FAILURES; i++) {
      expect((await b.post('/settings/password', { current: `Wrong#${i}pass`, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(422);
    }
    expect((await b.post('/settings/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(303);
    expect(await h.inspect.rows('sign_in_attempt')).toHaveLength(0);
    // one more wrong sign-in is the first of a new run, not the locking one
    const wrong = await browser(h).post('/login', { id: EMAIL, password: 'Wrong#9pass' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).not.toContain('IDが無効となっています');
  });

  it('refuses an entry while the My ID is locked without looking at it, audits the attempt and signs the member out', async () => {
    const b = await signedIn(h);
    await b.get('/settings/password');
    const attacker = browser(h);
    for (let i = 0; i < h.config.LOGIN_MAX_FAILURES; i++) await attacker.post('/login', { id: EMAIL, password: `Guess#${i}pass` });
    const before = h.verifications();
    const refused = await b.post('/settings/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('IDが無効となっています');
    expect(h.verifications()).toBe(before);
    expect(await h.inspect.rows('session')).toHaveLength(0);
    const audited = (await h.inspect.rows('audit_log')).filter((r) => r.event === 'sign_in_failed' && r.accountId === accountId && JSON.parse(r.detail ?? '{}').reason === 'locked');
    expect(audited).toHaveLength(1);
  });
});

// SPEC S9: signing in from a browser that already has a session ends that session server-side first; S10: sign-out is audited.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  await addHolder(h, { account: { email: 'hanako@example.jp', password: 'Sakura#2025x' } });
  await addHolder(h, { account: { email: 'jiro@example.jp', password: 'Momiji#2025y' } });
  await addHolder(h, { legacyId: 'taro-01', legacyPassword: 'old-pass-1' });
});

const signOuts = async () => (await h.inspect.rows('audit_log')).filter((r) => r.event === 'sign_out');

/** The top page with exactly this session cookie, as a copied cookie would be replayed. */
const topWith = (sid: string) => h.app.request('/top', { headers: { cookie: `sid=${sid}` } });

describe('S9 a new sign-in ends the browser session it replaces', () => {
  it('signing in again as the same member ends the old session: its token no longer works', async () => {
    const b = browser(h);
    expect((await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' })).status).toBe(303);
    const first = b.jar.get('sid')!;
    expect((await topWith(first)).status).toBe(200);
    expect((await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' })).status).toBe(303);
    const second = b.jar.get('sid')!;
    expect(second).not.toBe(first);
    expect(await h.inspect.count('session')).toBe(1);
    expect((await topWith(first)).status).toBe(303);
    expect((await topWith(second)).status).toBe(200);
    const [out] = await signOuts();
    expect(JSON.parse(out.detail!)).toEqual({ reason: 'new_sign_in' });
  });

  it('signing in as another member ends the first member’s session', async () => {
    const b = browser(h);
    await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    const hanako = b.jar.get('sid')!;
    await b.post('/login', { id: 'jiro@example.jp', password: 'Momiji#2025y' });
    expect((await topWith(hanako)).status).toBe(303);
    const sessions = await h.inspect.rows('session');
    expect(sessions).toHaveLength(1);
    const accounts = await h.inspect.rows('account');
    expect(sessions[0].accountId).toBe(accounts.find((a) => a.email === 'jiro@example.jp')!.id);
  });

  it('a legacy sign-in starting a migration ends the member session too', async () => {
    const b = browser(h);
    await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    const hanako = b.jar.get('sid')!;
    const res = await b.post('/login', { id: 'taro-01', password: 'old-pass-1' });
    expect(res.location).toBe('/migration/terms');
    expect(b.jar.has('sid')).toBe(false);
    expect(await h.inspect.count('session')).toBe(0);
    expect((await topWith(hanako)).status).toBe(303);
  });

  it('a failed sign-in leaves the session alone', async () => {
    const b = browser(h);
    await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    const hanako = b.jar.get('sid')!;
    expect((await b.post('/login', { id: 'jiro@example.jp', password: 'wrong' })).status).toBe(422);
    expect((await topWith(hanako)).status).toBe(200);
    expect(await signOuts()).toHaveLength(0);
  });
});

describe('S10 sign-out is audited', () => {
  it('writes sign_out with the account and address', async () => {
    const b = browser(h);
    await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    expect((await b.post('/logout', {})).location).toBe('/login?out=1');
    const [out] = await signOuts();
    expect(out.accountId).toBe((await h.inspect.rows('account'))[0].id);
    expect(JSON.parse(out.detail!)).toEqual({ reason: 'sign_out' });
    expect(await h.inspect.count('session')).toBe(0);
  });
});

// SPEC T4: a member who accepted an older terms version sees the terms after sign-in and must accept before the top page.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

let h: Harness;
let accountId: number;
beforeEach(async () => {
  h = await makeHarness({ TERMS_VERSION: '2025-04' });
  const made = await addHolder(h, { account: { email: 'old-terms@example.jp', password: 'Sakura#2025x', termsVersion: '2024-10' } });
  accountId = made.account!.id;
});

async function signIn(b: ReturnType<typeof browser>) {
  const res = await b.post('/login', { id: 'old-terms@example.jp', password: 'Sakura#2025x' });
  expect(res.status).toBe(303);
  return res;
}

describe('T4 versioned terms', () => {
  it('sends a member with an older version to the terms, and to the top page only after accepting', async () => {
    const b = browser(h);
    const signedIn = await signIn(b);
    const top = await b.get(signedIn.location!);
    expect(top.status).toBe(303);
    expect(top.location).toBe('/terms?next=%2Ftop');

    const terms = await b.get(top.location!);
    expect(terms.status).toBe(200);
    expect(terms.body).toContain('会員規約が改定されました');
    expect(terms.body).toContain('第2025-04版');
    expect(terms.body).toMatch(/<section class="terms" tabindex="0" aria-labelledby="terms-text-heading">/);
    expect(terms.body).toContain('同意して進む');
    expect(terms.res.headers.get('cache-control')).toBe('no-store');

    // the settings are guarded too
    const settings = await b.get('/settings');
    expect(settings.location).toBe('/terms?next=%2Fsettings');

    const accepted = await b.post('/terms?next=%2Ftop', { decision: 'accept' });
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe('/top');
    expect((await h.inspect.rows('account')).find((rec) => rec.id === accountId)!.termsVersion).toBe('2025-04');
    expect((await h.inspect.rows('audit_log')).filter((rec) => rec.event === 'terms_accepted')).toHaveLength(1);

    const again = await b.get('/top');
    expect(again.status).toBe(200);
    expect(again.body).toContain('各種変更・申請手続き');
    // once accepted, the terms page sends the member on
    expect((await b.get('/terms')).location).toBe('/top');
  });

  it('signs the member out when they decline, and asks again at the next sign-in', async () => {
    const b = browser(h);
    await signIn(b);
    await b.get('/terms');
    const declined = await b.post('/terms', { decision: 'decline' });
    expect(declined.status).toBe(303);
    expect(declined.location).toBe('/login?out=1');
    expect((await h.inspect.rows('session'))).toHaveLength(0);
    expect((await h.inspect.rows('account')).find((rec) => rec.id === accountId)!.termsVersion).toBe('2024-10');
    await signIn(b);
    expect((await b.get('/top')).location).toBe('/terms?next=%2Ftop');
  });

  it('does not show the terms to a member who accepted the current version', async () => {
    await addHolder(h, { account: { email: 'current@example.jp', password: 'Sakura#2025x', termsVersion: '2025-04' } });
    const b = browser(h);
    await b.post('/login', { id: 'current@example.jp', password: 'Sakura#2025x' });
    expect((await b.get('/top')).status).toBe(200);
  });

  it('needs a session, ignores an off-site next, and refuses a cross-site accept', async () => {
    const anon = await browser(h).get('/terms');
    expect(anon.location).toMatch(/^\/login\?next=/);
    const b = browser(h);
    await signIn(b);
    await b.get('/terms');
    const offsite = await b.post('/terms?next=%2F%2Fevil.example', { decision: 'accept' });
    expect(offsite.location).toBe('/top');
    const c = browser(h);
    await signIn(c);
    await c.get('/terms');
    const cross = await c.post('/terms', { decision: 'accept' }, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
  });

  it('answers a form without a decision by showing the terms again', async () => {
    const b = browser(h);
    await signIn(b);
    await b.get('/terms');
    const res = await b.post('/terms?next=%2Ftop', { decision: 'maybe' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/terms?next=%2Ftop');
    expect((await h.inspect.rows('account')).find((rec) => rec.id === accountId)!.termsVersion).toBe('2024-10');
  });
});

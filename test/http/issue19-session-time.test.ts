// Issue 19 item 11 and item 16 (signed-in pages): the idle limit is shown on every signed-in page, with a button that
// extends it (SPEC X6, WCAG 2.2.1), never past SESSION_MAX_SECONDS.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

const MIN = 60_000;

async function signedIn(h: Harness) {
  await addHolder(h, { cards: [{ email: 'hana@example.jp' }], account: { email: 'hana@example.jp', password: 'Sakura#2025x' } });
  const b = browser(h);
  expect((await b.post('/login', { id: 'hana@example.jp', password: 'Sakura#2025x' })).location).toBe('/top');
  return b;
}

const tokyo = (ms: number) => new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false }).format(ms);

describe('issue 19 item 11: the session time limit, shown and extendable', () => {
  it('every signed-in page says when the session ends if left idle, in Japan time, with an extend button', async () => {
    const h = await makeHarness({ SESSION_IDLE_SECONDS: '900' });
    const b = await signedIn(h);
    const ends = tokyo(h.clock.now() + 15 * MIN);
    for (const path of ['/top', '/settings', '/settings/password']) {
      const page = await b.get(path);
      expect(page.status, path).toBe(200);
      expect(page.body, path).toContain(`15分間操作がないと、自動的にログアウトします。このままの場合、${ends}（日本時間）にログアウトします。`);
      expect(page.body, path).toMatch(/<form method="post" action="\/session\/extend"[\s\S]*?<button[^>]*>ログイン時間を延長する<\/button>/);
    }
    const en = await b.get('/top?lang=en');
    expect(en.body).toContain(`You will be signed out after 15 minutes without activity: at ${ends} (Japan time) if you do nothing.`);
    expect(en.body).toContain('>Stay signed in</button>');
  });

  it('the button extends the idle limit and returns to the same page', async () => {
    const h = await makeHarness({ SESSION_IDLE_SECONDS: '900' });
    const b = await signedIn(h);
    await b.get('/settings');
    h.clock.advance(14 * MIN);
    const res = await b.post('/session/extend', { back: '/settings' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/settings');
    h.clock.advance(14 * MIN); // 28 minutes after the last page view, 14 after the extension
    const page = await b.get('/settings');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`${tokyo(h.clock.now() + 15 * MIN)}（日本時間）にログアウトします。`);
  });

  it('the shown time never promises more than the session really has: the idle clock runs from the last stored touch', async () => {
    const h = await makeHarness({ SESSION_IDLE_SECONDS: '900' });
    const b = await signedIn(h);
    const signedInAt = h.clock.now();
    h.clock.advance(30_000); // under the once-a-minute touch
    const page = await b.get('/top');
    expect(page.body).toContain(`${tokyo(signedInAt + 15 * MIN)}（日本時間）にログアウトします。`);
  });

  it('near SESSION_MAX_SECONDS the page names the absolute end and offers no extension it cannot give', async () => {
    const h = await makeHarness({ SESSION_IDLE_SECONDS: '900', SESSION_MAX_SECONDS: '3600' });
    const b = await signedIn(h);
    const start = h.clock.now();
    for (let i = 0; i < 4; i++) {
      h.clock.advance(13 * MIN);
      await b.post('/session/extend', { back: '/top' });
    }
    const page = await b.get('/top');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`${tokyo(start + 60 * MIN)}（日本時間）にログアウトします。`);
    expect(page.body).not.toContain('action="/session/extend"');
    // and the extension route cannot push it further: the session still ends at the hour
    h.clock.advance(9 * MIN);
    const after = await b.post('/session/extend', { back: '/top' });
    expect(after.location).toMatch(/^\/login\?expired=1/);
  });

  it('an extension refuses a return address off this site, and needs a session', async () => {
    const h = await makeHarness();
    const b = await signedIn(h);
    const offsite = await b.post('/session/extend', { back: '//evil.example/x' });
    expect(offsite.location).toBe('/top');
    const visitor = browser(h);
    const anon = await visitor.post('/session/extend', { back: '/top' });
    expect(anon.status).toBe(303);
    expect(anon.location).toMatch(/^\/login/);
  });

  it('no limit is shown to a visitor who is not signed in', async () => {
    const h = await makeHarness();
    const page = await browser(h).get('/login');
    expect(page.body).not.toContain('/session/extend');
  });
});

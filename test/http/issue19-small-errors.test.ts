// Issue 19 item 17: small error pages — the 403 says it is an error, hints at cookies and restarts where the member was;
// a session cookie that was never valid is not told it "timed out".
import { describe, expect, it } from 'vitest';
import { ORIGIN, browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

async function postWithoutToken(h: Harness, path: string, lang = '') {
  return h.app.request(`${path}${lang}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    body: 'csrf=forged',
  });
}

describe('issue 19 item 17: small error pages', () => {
  it('the 403 has the error title prefix and a hint about cookies, in both languages', async () => {
    const h = await makeHarness();
    const ja = await postWithoutToken(h, '/reset');
    expect(ja.status).toBe(403);
    const body = await ja.text();
    expect(body).toMatch(/<title>エラー: /);
    expect(body).toContain('Cookie');
    const en = await postWithoutToken(h, '/reset', '?lang=en');
    const enBody = await en.text();
    expect(enBody).toMatch(/<title>Error: /);
    expect(enBody).toContain('cookies');
  });

  it('the 403 restarts at the page the form belongs to, never at a URL that only takes a POST', async () => {
    const h = await makeHarness();
    const cases: [string, string][] = [
      ['/reset', '/reset'],
      ['/migration/phone/send', '/migration/phone'],
      ['/migration/email-code/resend', '/migration/email-code'],
      ['/logout', '/login'],
      ['/reset/cancel', '/reset'],
    ];
    for (const [posted, restart] of cases) {
      const res = await postWithoutToken(h, posted);
      expect(res.status, posted).toBe(403);
      const link = (await res.text()).match(/<a href="([^"]+)">最初からやり直す<\/a>/)?.[1];
      expect(link, posted).toBe(restart);
      const target = await browser(h).get(restart);
      expect([200, 303], `${restart} answers`).toContain(target.status);
    }
  });

  it('other error pages say they are errors in the title too', async () => {
    const h = await makeHarness();
    const res = await browser(h).get('/no-such-page');
    expect(res.status).toBe(404);
    expect(res.body).toMatch(/<title>エラー: /);
  });

  it('a session cookie the portal never issued is not told it timed out', async () => {
    const h = await makeHarness();
    const res = await h.app.request('/top', { headers: { cookie: 'sid=not-a-session-the-portal-made' } });
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).not.toContain('expired=1');
    const page = await browser(h).get(location);
    expect(page.body).not.toContain('一定時間操作がなかったため');
  });

  it('a session that really timed out is still told so (SPEC T3)', async () => {
    const h = await makeHarness({ SESSION_IDLE_SECONDS: '900' });
    await addHolder(h, { cards: [{ email: 'hana@example.jp' }], account: { email: 'hana@example.jp', password: 'Sakura#2025x' } });
    const b = browser(h);
    await b.post('/login', { id: 'hana@example.jp', password: 'Sakura#2025x' });
    h.clock.advance(16 * 60_000);
    const res = await b.get('/top');
    expect(res.location).toContain('expired=1');
    expect((await b.get(res.location!)).body).toContain('一定時間操作がなかったため、ログアウトしました。');
  });
});

// SPEC X1–X4 and the demo outbox: headers, CSRF, cookies, bad requests — styled pages, never a 500.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness, ORIGIN } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

async function signedInHarness(overrides: Record<string, string> = {}) {
  const h = await makeHarness(overrides);
  await addHolder(h, { account: { email: 'hanako@example.jp', password: 'Sakura#2025x' } });
  return h;
}

describe('X1 security headers', () => {
  it('every page has a CSP with no script source, nosniff, a referrer policy and no-store', async () => {
    const h = await makeHarness();
    for (const path of ['/login', '/no-such-page']) {
      const res = await h.app.request(path);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("img-src 'self'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).not.toMatch(/script-src/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('pages carry no script at all', async () => {
    const body = await (await (await makeHarness()).app.request('/login')).text();
    expect(body).not.toMatch(/<script|onclick=|javascript:/i);
  });

  it('the stylesheet is served', async () => {
    const res = await (await makeHarness()).app.request('/static/app.css');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(':focus-visible');
  });
});

describe('X2 CSRF', () => {
  it('a POST without the token gets the styled 403 that offers to start again, and changes nothing', async () => {
    const h = await signedInHarness();
    const res = await h.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: 'id=hanako%40example.jp&password=Sakura%232025x',
    });
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(body).toContain('<h1>もう一度お手続きください</h1>');
    expect(body).toContain('href="/login">最初からやり直す</a>');
    expect((await h.inspect.rows('session'))).toHaveLength(0);
  });

  it('a token from another browser is refused', async () => {
    const h = await signedInHarness();
    const a = browser(h);
    await a.get('/login');
    const b = browser(h);
    await b.get('/login');
    const res = await h.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie: `csrf=${b.jar.get('csrf')}` },
      body: new URLSearchParams({ csrf: a.csrf(), id: 'hanako@example.jp', password: 'Sakura#2025x' }).toString(),
    });
    expect(res.status).toBe(403);
  });

  it.each([
    [{ origin: 'https://evil.example' }],
    [{ origin: 'null' }],
    [{ 'sec-fetch-site': 'cross-site' }],
  ])('a cross-site request %j is refused even with the right token', async (headers) => {
    const h = await signedInHarness();
    const b = browser(h);
    await b.get('/login');
    const res = await h.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${b.jar.get('csrf')}`, ...headers },
      body: new URLSearchParams({ csrf: b.csrf(), id: 'hanako@example.jp', password: 'Sakura#2025x' }).toString(),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('もう一度お手続きください');
  });

  it('a same-origin browser POST with Sec-Fetch-Site and no Origin is accepted', async () => {
    const h = await signedInHarness();
    const b = browser(h);
    await b.get('/login');
    const res = await h.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${b.jar.get('csrf')}`, 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ csrf: b.csrf(), id: 'hanako@example.jp', password: 'Sakura#2025x' }).toString(),
    });
    expect(res.status).toBe(303);
  });
});

describe('X3 cookies', () => {
  it('over http: HttpOnly, SameSite=Lax, no Secure', async () => {
    const res = await (await makeHarness()).app.request('/login');
    const csrf = res.headers.getSetCookie().find((c) => c.startsWith('csrf='))!;
    expect(csrf).toMatch(/HttpOnly/);
    expect(csrf).toMatch(/SameSite=Lax/);
    expect(csrf).not.toMatch(/Secure/);
  });

  it('over https: the __Host- prefix, Secure and Path=/', async () => {
    const h = await signedInHarness();
    const res = await h.app.request('https://portal.example/login');
    const csrf = res.headers.getSetCookie().find((c) => c.startsWith('__Host-csrf='))!;
    expect(csrf).toMatch(/Secure/);
    expect(csrf).toMatch(/Path=\//);
    expect(csrf).toMatch(/HttpOnly/);
  });

  it('behind a TLS proxy the forwarded protocol counts only when TRUST_PROXY is on', async () => {
    const trusted = await makeHarness({ TRUST_PROXY: 'true' });
    const a = await trusted.app.request('/login', { headers: { 'x-forwarded-proto': 'https' } });
    expect(a.headers.getSetCookie().some((c) => c.startsWith('__Host-csrf='))).toBe(true);
    const untrusted = await makeHarness();
    const b = await untrusted.app.request('/login', { headers: { 'x-forwarded-proto': 'https' } });
    expect(b.headers.getSetCookie().some((c) => c.startsWith('csrf='))).toBe(true);
  });
});

describe('X4 bad input', () => {
  it('a body over 16 KB → styled 413', async () => {
    const h = await makeHarness();
    const b = browser(h);
    const res = await b.post('/login', { id: 'x'.repeat(17 * 1024), password: 'p' });
    expect(res.status).toBe(413);
    expect(res.body).toContain('送信された内容が大きすぎます');
  });

  it.each([
    ['application/json', '{"id":"a"}'],
    ['text/plain', 'id=a'],
    ['application/x-www-form-urlencoded', 'id=%E0%A4%A&password=%'],
  ])('a malformed form (%s) → 400 with the error summary', async (type, body) => {
    const h = await makeHarness();
    const b = browser(h);
    await b.get('/login');
    const res = await h.app.request('/login', { method: 'POST', headers: { 'content-type': type, origin: ORIGIN, cookie: `csrf=${b.jar.get('csrf')}` }, body });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('<title>エラー: ');
  });

  it('an unknown path → styled 404 in the chosen language', async () => {
    const res = await (await makeHarness()).app.request('/nowhere?lang=en');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<h1>Page not found</h1>');
    expect(html).toContain('href="/static/app.css"');
  });

  it('a form with repeated fields and odd characters is answered, not crashed', async () => {
    const h = await signedInHarness();
    const b = browser(h);
    await b.get('/login');
    const res = await h.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie: `csrf=${b.jar.get('csrf')}` },
      body: `csrf=${b.csrf()}&id=a%00b%E2%80%AE&id=second&password=%F0%9F%98%80`,
    });
    expect(res.status).toBe(422);
  });
});

describe('§2 demo outbox page', () => {
  it('is on by default and lists messages newest first, each with its delivery state (D5)', async () => {
    const h = await makeHarness();
    await h.stores.outbox.add([{ channel: 'email', to: 'a@example.jp', subject: 'first', text: 'one' }], h.clock.now());
    await h.stores.outbox.add([{ channel: 'sms', to: '09012345678', subject: 'second', text: 'code 1234', code: '1234' }], h.clock.now());
    const res = await h.app.request('/dev/outbox');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.indexOf('second')).toBeLessThan(html.indexOf('first'));
    expect(html).toContain('1234');
    expect((await h.outbox())[0]).toMatchObject({ channel: 'sms', to: '09012345678', subject: 'second', text: 'code 1234', code: '1234' });
    expect((await h.outbox())[1].code).toBeUndefined();
    // SPEC D5: each message with its delivery state; the stand-in keeps the code after delivering it (D1)
    expect(html.match(/送信待ち/g)).toHaveLength(2);
    expect(await h.deliver()).toBe(2);
    const after = await (await h.app.request('/dev/outbox')).text();
    expect(after.match(/送信済み/g)).toHaveLength(2);
    expect(after).toContain('1234');
  });

  it('is off in production unless DEV_OUTBOX is set, and the footer link goes with it', async () => {
    const h = await makeHarness({ NODE_ENV: 'production' });
    expect((await h.app.request('/dev/outbox')).status).toBe(404);
    expect(await (await h.app.request('/login')).text()).not.toContain('/dev/outbox');
  });
});

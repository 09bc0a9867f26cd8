// SPEC L1, L2, L4, T1, T3, X3: sign-in with a My ID, the top page, timeouts and sign-out, over HTTP.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  await addHolder(h, {
    cards: [{ cardName: 'ゴールドカード', number: '4111111111111111', paymentDate: '2024-12-27', confirmedAmount: 12345, points: 299 }],
    account: { email: 'hanako@example.jp', password: 'Sakura#2025x' },
  });
});

describe('L1 sign-in page', () => {
  it('shows the fields with their autocomplete tokens, the helps and the three links', async () => {
    const b = browser(h);
    const { status, body } = await b.get('/login');
    expect(status).toBe(200);
    expect(body).toContain('<html lang="ja">');
    expect(body).toMatch(/<input[^>]*id="id"[^>]*autocomplete="username"/);
    expect(body).toMatch(/<input[^>]*id="password"[^>]*type="password"[^>]*autocomplete="current-password"/);
    expect(body).toContain('ログイン</button>');
    expect(body).toContain('パスワードをお忘れの方はこちら');
    expect(body).toContain('My ID作成はこちら');
    expect(body).toContain('ログインにお困りの方はこちら');
    expect(body).toContain('全角で入力された文字は自動的に半角に変換します');
  });

  it('is complete in English with ?lang=en and remembers the choice', async () => {
    const b = browser(h);
    const first = await b.get('/login?lang=en');
    expect(first.body).toContain('<html lang="en">');
    expect(first.body).toContain('Forgot your password?');
    const again = await b.get('/login');
    expect(again.body).toContain('<html lang="en">');
  });

  it('falls back to Accept-Language', async () => {
    const { body } = await browser(h).get('/login', { 'accept-language': 'en-US,en;q=0.9' });
    expect(body).toContain('<html lang="en">');
  });
});

describe('L2 sign-in with a My ID', () => {
  it('signs in with full-width input and pasted whitespace, sets a fresh session and shows the top page', async () => {
    const b = browser(h);
    await b.get('/login');
    const res = await b.post('/login', { id: ' ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ\u3000', password: 'Sakura#2025x\n' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/top');
    const setCookie = res.res.headers.getSetCookie().find((c) => c.startsWith('sid='))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const token = setCookie.split(';')[0].slice(4);
    const rows = (await h.inspect.rows('session'));
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).not.toBe(token);
    const top = await b.get('/top');
    expect(top.status).toBe(200);
    expect(top.body).toContain('ゴールドカード');
    expect(top.body).toContain('下4桁 1111');
    expect(top.body).toContain('12,345円');
    expect(top.body).toContain('299 ポイント');
    expect(top.body).toContain('2024/12/27');
    expect(top.body).toContain('今回が初めてのログインです。');
    expect(top.res.headers.get('cache-control')).toBe('no-store');
  });

  it('shows the previous sign-in time from the database on the next sign-in', async () => {
    const first = browser(h);
    await first.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    const firstAt = h.clock.now();
    h.clock.advance(3 * 86_400_000);
    const second = browser(h);
    await second.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    const row = (await h.inspect.rows('account')).find((rec) => rec.email === 'hanako@example.jp')!;
    expect(row.previousSignInAt).toBe(firstAt);
    const top = await second.get('/top');
    // 2025-01-15 01:00 UTC is 10:00 in Tokyo
    expect(top.body).toContain('前回ログイン日時：2025年1月15日 10:00');
  });

  it('a new sign-in gets a new token, not the one the browser had', async () => {
    const b = browser(h);
    await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    const firstToken = b.jar.get('sid');
    await b.post('/logout', {});
    await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    expect(b.jar.get('sid')).toBeDefined();
    expect(b.jar.get('sid')).not.toBe(firstToken);
  });
});

describe('L4 one generic error', () => {
  const generic = '入力されたIDとパスワードではログインできません。';
  it.each([
    ['wrong password', 'hanako@example.jp', 'Wrong#2025x'],
    ['unknown My ID', 'nobody@example.jp', 'Sakura#2025x'],
    ['unknown legacy ID', 'no-such-id', 'whatever'],
  ])('%s → 422, the generic message and its two explanations, ID kept, password not', async (_, id, password) => {
    const b = browser(h);
    const res = await b.post('/login', { id, password });
    expect(res.status).toBe(422);
    expect(res.body).toContain(generic);
    expect(res.body).toContain('既にMy IDに移行されている可能性があります');
    expect(res.body).toContain('<title>エラー: ');
    expect(res.body).toContain(`value="${id}"`);
    expect(res.body).not.toContain(password);
    expect((await h.inspect.rows('session'))).toHaveLength(0);
  });

  it('empty fields → 400 with one message per field linked from the summary', async () => {
    const res = await browser(h).post('/login', { id: '', password: '' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('<a href="#id">IDを入力してください。</a>');
    expect(res.body).toContain('<a href="#password">パスワードを入力してください。</a>');
    expect(res.body).toMatch(/id="id"[^>]*aria-invalid="true"[^>]*aria-describedby="id-hint id-error"/);
  });
});

describe('T3 session timeouts and sign-out', () => {
  it('the top page without a session goes to sign-in and comes back after signing in', async () => {
    const b = browser(h);
    const res = await b.get('/top');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login?next=%2Ftop');
    const signed = await b.post('/login?next=%2Ftop', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    expect(signed.location).toBe('/top');
  });

  it('after SESSION_IDLE_SECONDS idle the next request lands on sign-in with a message', async () => {
    const b = browser(h);
    await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    h.clock.advance((h.config.SESSION_IDLE_SECONDS + 1) * 1000);
    const res = await b.get('/top');
    expect(res.location).toBe('/login?expired=1&next=%2Ftop');
    const page = await b.get(res.location!);
    expect(page.body).toContain('一定時間操作がなかったため、ログアウトしました。');
    expect((await h.inspect.rows('session'))).toHaveLength(0);
  });

  it('activity keeps the session alive until SESSION_MAX_SECONDS in all', async () => {
    const b = browser(h);
    await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    const step = (h.config.SESSION_IDLE_SECONDS - 10) * 1000;
    let elapsed = 0;
    while (elapsed + step < h.config.SESSION_MAX_SECONDS * 1000) {
      h.clock.advance(step);
      elapsed += step;
      expect((await b.get('/top')).status).toBe(200);
    }
    h.clock.advance(step);
    expect((await b.get('/top')).location).toBe('/login?expired=1&next=%2Ftop');
  });

  it('only same-site paths are accepted as the place to return to', async () => {
    const b = browser(h);
    const res = await b.post('/login?next=%2F%2Fevil.example', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    expect(res.location).toBe('/top');
  });

  it('sign-out by POST deletes the session server-side', async () => {
    const b = browser(h);
    await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    const token = b.jar.get('sid')!;
    const res = await b.post('/logout', {});
    expect(res.location).toBe('/login?out=1');
    expect((await h.inspect.rows('session'))).toHaveLength(0);
    const replay = await h.app.request('/top', { headers: { cookie: `sid=${token}` } });
    expect(replay.status).toBe(303);
  });
});

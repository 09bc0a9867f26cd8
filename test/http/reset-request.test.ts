// SPEC R1–R2: password reset over HTTP, its first half — the same answer for any address, and the email code (wrong, expired, resent, twice at once).
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, type Harness } from '../helpers/app.js';
import { lastCode, WRONG_CODE } from '../helpers/codes.js';
import { EMAIL, resetMember, startReset } from '../helpers/reset.js';

let h: Harness;
beforeEach(async () => {
  ({ h } = await resetMember());
});

describe('R1 the address form', () => {
  it('has the email field and the 送信する button', async () => {
    const page = await browser(h).get('/reset');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<input[^>]*id="email"[^>]*type="email"[^>]*autocomplete="email"/);
    expect(page.body).toContain('送信する</button>');
    expect(page.body).toContain('ステップ 1/5');
  });

  it('answers a known and an unknown address with identical redirects, cookies and pages, and emails only the known one', async () => {
    const known = browser(h);
    const unknown = browser(h);
    const a = await startReset(known, EMAIL);
    const b = await startReset(unknown, 'nobody@example.jp');
    const cookieNames = (r: typeof a) => r.res.headers.getSetCookie().map((c) => c.replace(/=[^;]*/, '=…'));
    expect(cookieNames(a)).toEqual(cookieNames(b));
    const pa = await known.get('/reset/email-code');
    const pb = await unknown.get('/reset/email-code');
    expect(pa.status).toBe(200);
    expect(pb.status).toBe(200);
    // the page repeats the address each browser typed (issue 19 item 4); apart from it, the pages are identical
    const strip = (html: string) => html.replace(/name="csrf" value="[^"]+"/g, 'name="csrf" value=""').replace(EMAIL, 'TYPED').replace('nobody@example.jp', 'TYPED');
    expect(strip(pa.body)).toBe(strip(pb.body));
    expect(pa.body).toContain('My IDとして登録されている場合は');
    expect(pa.body).toMatch(/認証コードは\d\d:\d\dまで有効です。/);
    // SPEC X6: the flow's own time limit is shown too
    expect(pa.body).toMatch(/このお手続きは\d\d:\d\dまでに完了してください。/);

    expect((await h.outbox())).toHaveLength(1);
    expect((await h.outbox())[0].to).toBe(EMAIL);
    expect((await h.outbox())[0].subject).toBe('【My Card】パスワードの再設定の認証コードのお知らせ');
    expect((await h.inspect.rows('flow')).filter((f) => f.kind === 'reset')).toHaveLength(2);

    // wrong codes are answered alike, up to the same lock
    for (let i = 0; i < h.config.CODE_MAX_FAILURES - 1; i++) {
      const ra = await known.post('/reset/email-code', { code: WRONG_CODE });
      const rb = await unknown.post('/reset/email-code', { code: '0000' });
      expect(ra.status).toBe(422);
      expect(strip(ra.body)).toBe(strip(rb.body));
    }
    const la = await known.post('/reset/email-code', { code: WRONG_CODE });
    const lb = await unknown.post('/reset/email-code', { code: '0000' });
    expect(la.status).toBe(429);
    expect(lb.status).toBe(429);
    expect(strip(la.body)).toBe(strip(lb.body));
    expect(la.body).toContain('一定回数以上入力に誤りがあったため、認証機能がロックされました。');
  });

  it('never lets a flow for an unknown address past the email code', async () => {
    const b = browser(h);
    await startReset(b, 'ghost@example.jp');
    for (const code of ['1234', '0000', '9999']) {
      const res = await b.post('/reset/email-code', { code });
      expect(res.status).toBe(422);
      expect(res.body).toContain('認証コードが一致しません。');
    }
    expect((await b.get('/reset/phone')).location).toBe('/reset/email-code');
    expect((await h.outbox())).toHaveLength(0);
  });

  it('refuses an empty or malformed address with 400 and keeps the entry', async () => {
    const b = browser(h);
    await b.get('/reset');
    const empty = await b.post('/reset', { email: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('メールアドレスを入力してください。');
    const bad = await b.post('/reset', { email: 'taro.example.jp' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('<title>エラー: パスワードの再設定（ステップ 1/5） | My Card</title>');
    expect(bad.body).toContain('メールアドレスの入力に誤りがあります。');
    expect(bad.body).toContain('value="taro.example.jp"');
  });

  it('refuses a cross-site post', async () => {
    const b = browser(h);
    await b.get('/reset');
    expect((await b.post('/reset', { email: EMAIL }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await h.outbox())).toHaveLength(0);
  });
});

describe('R2/R3 the whole reset', () => {
  it('keeps a used code from being used again and tells an expired code apart', async () => {
    const b = browser(h);
    await startReset(b, EMAIL);
    const empty = await b.post('/reset/email-code', { code: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('認証コードを入力してください。');
    const letters = await b.post('/reset/email-code', { code: 'abcd' });
    expect(letters.status).toBe(400);
    h.clock.advance(h.config.CODE_TTL_SECONDS * 1000);
    const expired = await b.post('/reset/email-code', { code: (await lastCode(h, EMAIL)) });
    expect(expired.status).toBe(422);
    expect(expired.body).toContain('認証コードの有効期限が切れています。');
    const resend = await b.post('/reset/email-code/resend', {});
    expect(resend.status).toBe(303);
    expect(resend.location).toBe('/reset/email-code?resent=1');
    expect((await b.get(resend.location!)).body).toContain('認証コードを送信しました。');
    const tooSoon = await b.post('/reset/email-code/resend', {});
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body).toMatch(/認証コードを送信したばかりです。\d\d:\d\d以降に再送信してください。/);
    // full-width digits are accepted
    const code = (await lastCode(h, EMAIL)).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect((await b.post('/reset/email-code', { code })).location).toBe('/reset/phone');
  });

  it('moves on once when the right code is submitted twice at the same time', async () => {
    const b = browser(h);
    await startReset(b, EMAIL);
    const code = (await lastCode(h, EMAIL));
    const both = await Promise.all([b.post('/reset/email-code', { code }), b.post('/reset/email-code', { code })]);
    expect(both.map((r) => r.status)).toEqual([303, 303]);
    expect((await h.outbox()).filter((m) => m.channel === 'sms')).toHaveLength(1);
    expect((await b.get('/reset/email-code')).location).toBe('/reset/phone');
  });
});

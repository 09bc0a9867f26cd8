// SPEC R1–R3: password reset over HTTP — the same answer for any address, email code, phone code, new password, unlock, sessions ended, notice.
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.js';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { lastCode, WRONG_CODE } from '../helpers/codes.js';

const EMAIL = 'taro@example.jp';
const PASSWORD = 'Sakura#2025x';
const NEW_PASSWORD = 'Kawa!Nagare77';

let h: Harness;
let accountId: number;
beforeEach(async () => {
  h = await makeHarness();
  const made = await addHolder(h, { phones: ['09011112222'], account: { email: EMAIL, password: PASSWORD } });
  accountId = made.account!.id;
});

type Browser = ReturnType<typeof browser>;

async function startReset(b: Browser, email: string) {
  await b.get('/reset');
  const res = await b.post('/reset', { email });
  expect(res.status).toBe(303);
  expect(res.location).toBe('/reset/email-code');
  return res;
}

async function walkToPassword(b: Browser) {
  await startReset(b, EMAIL);
  const code = (await lastCode(h, EMAIL));
  const verified = await b.post('/reset/email-code', { code });
  expect(verified.status).toBe(303);
  expect(verified.location).toBe('/reset/phone');
  const sms = (await h.outbox())[0];
  expect(sms.channel).toBe('sms');
  expect(sms.to).toBe('09011112222');
  const phonePage = await b.get('/reset/phone');
  // the mask is hidden from screen readers and said in words (issue 19 item 5)
  expect(phonePage.body).toContain('<span aria-hidden="true">***-****-2222</span><span class="visually-hidden">末尾2222の電話番号</span> あてにSMSで認証コードをお送りしました。');
  const phone = await b.post('/reset/phone', { code: sms.code! });
  expect(phone.status).toBe(303);
  expect(phone.location).toBe('/reset/password');
}

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
  it('resets the password, unlocks the ID, ends every session, emails a notice and does not sign in', async () => {
    // a signed-in browser, then the My ID locked by wrong passwords (SPEC L5)
    const other = browser(h);
    expect((await other.post('/login', { id: EMAIL, password: PASSWORD })).status).toBe(303);
    for (let i = 0; i < h.config.LOGIN_MAX_FAILURES; i++) await browser(h).post('/login', { id: EMAIL, password: 'Wrong#pass1' });
    const locked = await browser(h).post('/login', { id: EMAIL, password: PASSWORD });
    expect(locked.body).toContain('パスワードを一定回数以上誤って入力されたため、IDが無効となっています。');
    expect((await h.inspect.rows('sign_in_attempt'))[0]!.lockedAt).not.toBeNull();

    const b = browser(h);
    await walkToPassword(b);
    const page = await b.get('/reset/password');
    expect(page.body).toContain('ステップ 4/5');
    expect(page.body).toMatch(/<input[^>]*id="password"[^>]*autocomplete="new-password"/);

    const weak = await b.post('/reset/password', { password: 'password', confirm: 'password' });
    expect(weak.status).toBe(400);
    expect(weak.body).toContain('パスワードには英字・数字・記号をそれぞれ1文字以上含めてください。');

    const done = await b.post('/reset/password', { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/reset/done');
    expect(done.res.headers.getSetCookie().some((c) => c.startsWith('sid='))).toBe(false);

    const account = (await h.inspect.rows('account')).find((rec) => rec.id === accountId)!;
    expect(await verifyPassword(account.passwordHash, NEW_PASSWORD)).toBe(true);
    expect((await h.inspect.rows('session'))).toHaveLength(0);
    expect((await h.inspect.rows('sign_in_attempt'))).toHaveLength(0);
    const audit = (await h.inspect.rows('audit_log')).filter((rec) => rec.event === 'password_reset');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail!)).toEqual({ unlocked: true });
    const notice = (await h.outbox())[0];
    expect(notice.to).toBe(EMAIL);
    expect(notice.text).toContain(EMAIL);
    expect(notice.subject).toBe('【My Card】パスワード再設定完了のお知らせ');

    const donePage = await b.get('/reset/done');
    expect(donePage.status).toBe(200);
    expect(donePage.body).toContain('パスワード再設定完了');
    expect(donePage.body).toContain('<a class="button" href="/login">'); // issue 19: no address in the URL
    // the second browser is signed out; a repeat of the final post changes nothing
    expect((await other.get('/top')).location).toMatch(/^\/login\?ended=1/);
    expect((await b.post('/reset/password', { password: 'Other#Pass99', confirm: 'Other#Pass99' })).location).toBe('/reset/done');
    // the locked account is usable again, with the new password only
    expect((await browser(h).post('/login', { id: EMAIL, password: PASSWORD })).status).toBe(422);
    const signIn = await browser(h).post('/login', { id: EMAIL, password: NEW_PASSWORD });
    expect(signIn.status).toBe(303);
    expect(signIn.location).toBe('/top');
  });

  it('refuses skipped steps and an unknown flow', async () => {
    expect((await browser(h).get('/reset/email-code')).location).toBe('/login?flow=expired');
    const b = browser(h);
    await startReset(b, EMAIL);
    expect((await b.get('/reset/password')).location).toBe('/reset/email-code');
    expect((await b.post('/reset/password', { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).location).toBe('/reset/email-code');
    expect((await b.get('/reset/done')).location).toBe('/reset/email-code');
  });

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

  it('cancels: the flow ends and the browser is back at sign-in', async () => {
    const b = browser(h);
    await startReset(b, EMAIL);
    const res = await b.post('/reset/cancel', {});
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login?flow=cancelled');
    expect((await h.inspect.rows('flow'))[0]!.endedAt).not.toBeNull();
    expect((await b.get('/reset/email-code')).location).toBe('/login?flow=expired');
  });

  it('lets a landline-only holder choose the number and get a voice call', async () => {
    await addHolder(h, { phones: ['0312345678', '0459876543'], account: { email: 'land@example.jp', password: PASSWORD } });
    const b = browser(h);
    await startReset(b, 'land@example.jp');
    expect((await b.post('/reset/email-code', { code: (await lastCode(h, 'land@example.jp')) })).location).toBe('/reset/phone');
    const page = await b.get('/reset/phone');
    expect(page.body).toContain('**-****-5678'); // a landline keeps its own shape (issue 19 item 5)
    expect(page.body).toContain('***-***-6543');
    expect(page.body).toContain('音声電話で認証コードを送信');
    expect(page.body).not.toContain('id="code"');
    expect((await h.outbox()).filter((m) => m.channel !== 'email')).toHaveLength(0);

    const sms = await b.post('/reset/phone/send', { phone: '1', channel: 'sms' });
    expect(sms.status).toBe(400);
    const sent = await b.post('/reset/phone/send', { phone: '1', channel: 'voice' });
    expect(sent.location).toBe('/reset/phone');
    const call = (await h.outbox())[0];
    expect(call.channel).toBe('voice');
    expect(call.to).toBe('0459876543');
    const after = await b.get('/reset/phone');
    expect(after.body).toContain('<span aria-hidden="true">***-***-6543</span><span class="visually-hidden">末尾6543の電話番号</span> に音声電話で認証コードをお知らせしました。'); // issue 19 item 5
    expect((await b.post('/reset/phone', { code: call.code! })).location).toBe('/reset/password');
  });
});

// SPEC R2–R3: password reset over HTTP, its second half — the phone code (SMS, or a voice call for landlines), the new password, unlock,
// sessions ended, notice; skipped steps refused and cancelling.
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.js';
import { browser, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { lastCode } from '../helpers/codes.js';
import { EMAIL, NEW_PASSWORD, PASSWORD, resetMember, startReset } from '../helpers/reset.js';

let h: Harness;
let accountId: number;
beforeEach(async () => {
  ({ h, accountId } = await resetMember());
});

type Browser = ReturnType<typeof browser>;

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

// SPEC T2: the settings menu and the password change — the current password asked and counted (L5), the My ID emailed, the session rotated and the others ended.
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.js';
import { browser, type Harness } from '../helpers/app.js';
import { EMAIL, NEW_PASSWORD, PASSWORD, settingsMember, sidOf, signedIn } from '../helpers/settings.js';

let h: Harness;
let accountId: number;
beforeEach(async () => {
  ({ h, accountId } = await settingsMember());
});

describe('T2 settings menu', () => {
  it('is linked from the top page and lists both changes', async () => {
    const b = await signedIn(h);
    const top = await b.get('/top');
    expect(top.body).toContain('href="/settings"');
    expect(top.body).toContain('各種変更・申請手続き');
    const menu = await b.get('/settings');
    expect(menu.status).toBe(200);
    expect(menu.body).toContain('<title>各種変更・申請手続き | My Card</title>');
    expect(menu.body).toContain('href="/settings/password"');
    expect(menu.body).toContain('href="/settings/my-id"');
    expect(menu.body).toContain('My IDとパスワードはいつでも変更が可能です。');
  });

  it('needs a session', async () => {
    const res = await browser(h).get('/settings/password');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login?next=%2Fsettings%2Fpassword');
  });
});

describe('T2 change password', () => {
  it('shows the current password field, the M7 rules and the two new fields with their autocomplete tokens', async () => {
    const b = await signedIn(h);
    const page = await b.get('/settings/password');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<input[^>]*id="current"[^>]*type="password"[^>]*autocomplete="current-password"/);
    expect(page.body).toMatch(/<input[^>]*id="password"[^>]*type="password"[^>]*autocomplete="new-password"/);
    expect(page.body).toMatch(/<input[^>]*id="confirm"[^>]*type="password"[^>]*autocomplete="new-password"/);
    expect(page.body).toContain('8文字以上20文字以内');
    expect(page.body).toContain('変更する</button>');
  });

  it('changes the password, rotates the session, ends a second browser and emails the My ID', async () => {
    const b = await signedIn(h);
    const other = await signedIn(h);
    expect((await h.inspect.rows('session'))).toHaveLength(2);
    const before = (await h.inspect.rows('session')).map((s) => s.tokenHash);

    await b.get('/settings/password');
    const res = await b.post('/settings/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/settings?done=password');
    expect(sidOf(res)).toBeDefined();

    const sessions = (await h.inspect.rows('session'));
    expect(sessions).toHaveLength(1);
    expect(before).not.toContain(sessions[0].tokenHash);
    const account = (await h.inspect.rows('account')).find((rec) => rec.id === accountId)!;
    expect(await verifyPassword(account.passwordHash, NEW_PASSWORD)).toBe(true);
    expect((await h.inspect.rows('audit_log')).filter((rec) => rec.event === 'password_changed')).toHaveLength(1);

    const [notice] = (await h.outbox());
    expect(notice.to).toBe(EMAIL);
    expect(notice.subject).toBe('【My Card】パスワード変更のお知らせ');
    expect(notice.code).toBeUndefined();

    const done = await b.get(res.location!);
    expect(done.body).toContain('パスワードを変更しました。');
    // the second browser's session is gone
    const otherTop = await other.get('/top');
    expect(otherTop.status).toBe(303);
    expect(otherTop.location).toMatch(/^\/login\?ended=1/);
    // old password no longer signs in, the new one does
    expect((await browser(h).post('/login', { id: EMAIL, password: PASSWORD })).status).toBe(422);
    expect((await browser(h).post('/login', { id: EMAIL, password: NEW_PASSWORD })).status).toBe(303);
  });

  it('refuses a wrong current password with 422 and changes nothing', async () => {
    const b = await signedIn(h);
    await b.get('/settings/password');
    const res = await b.post('/settings/password', { current: 'Wrong#2025x', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res.status).toBe(422);
    expect(res.body).toContain('<title>エラー: パスワード変更 | My Card</title>');
    expect(res.body).toContain('現在のパスワードが正しくありません。');
    expect(res.body).toMatch(/<input[^>]*id="current"[^>]*aria-invalid="true"/);
    const account = (await h.inspect.rows('account')).find((rec) => rec.id === accountId)!;
    expect(await verifyPassword(account.passwordHash, PASSWORD)).toBe(true);
    expect((await h.outbox())).toHaveLength(0);
  });

  it('reports each M7 rule broken and a missing current password with 400, never echoing passwords', async () => {
    const b = await signedIn(h);
    await b.get('/settings/password');
    const res = await b.post('/settings/password', { current: '', password: 'hanako1985', confirm: 'other' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('現在のパスワードを入力してください。');
    expect(res.body).toContain('パスワードには英字・数字・記号をそれぞれ1文字以上含めてください。');
    expect(res.body).toContain('パスワードにMy ID（メールアドレス）の「@」より前の部分を含めることはできません。');
    expect(res.body).toContain('新しいパスワードと確認用のパスワードが一致しません。');
    expect(res.body).toContain('href="#confirm"');
    expect(res.body).not.toContain('hanako1985');

    const birth = await b.post('/settings/password', { current: PASSWORD, password: 'Ab#19850412', confirm: 'Ab#19850412' });
    expect(birth.status).toBe(400);
    expect(birth.body).toContain('パスワードに生年月日を含めることはできません。');
    const card = await b.post('/settings/password', { current: PASSWORD, password: 'Ab#x9876yz', confirm: 'Ab#x9876yz' });
    expect(card.body).toContain('パスワードにカード番号の一部を含めることはできません。');
    const phone = await b.post('/settings/password', { current: PASSWORD, password: 'Ab#x2222yz', confirm: 'Ab#x2222yz' });
    expect(phone.body).toContain('パスワードにご登録の電話番号の一部を含めることはできません。');
    expect((await h.outbox())).toHaveLength(0);
  });

  it('refuses a cross-site post', async () => {
    const b = await signedIn(h);
    await b.get('/settings/password');
    const res = await b.post('/settings/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('is in English too', async () => {
    const b = await signedIn(h);
    const page = await b.get('/settings/password?lang=en');
    expect(page.body).toContain('Current password');
    const res = await b.post('/settings/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res.status).toBe(303);
    expect((await h.outbox())[0].subject).toBe('[My Card] Your password was changed');
  });

  // two changes checked against the same current password: the winner ends the other browser's session, so that one is
  // signed out; two tabs of one browser share a session, so the second is told its current password no longer matches
  it.each([
    ['two browsers', false],
    ['two tabs of one browser', true],
  ])('%s changing the password at once: exactly one change lands, the other changes nothing', async (_name, sameBrowser) => {
    const a = await signedIn(h);
    const b = sameBrowser ? a : await signedIn(h);
    const OTHER = 'Umi#Kaze2026y';
    // both verify the same current password before either writes (the Argon2 verifications run side by side)
    const [ra, rb] = await Promise.all([
      a.post('/settings/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }),
      b.post('/settings/password', { current: PASSWORD, password: OTHER, confirm: OTHER }),
    ]);
    const done = [ra, rb].filter((r) => r.location === '/settings?done=password');
    expect(done).toHaveLength(1);
    const [winner, loser] = done[0] === ra ? [NEW_PASSWORD, rb] : [OTHER, ra];
    if (loser.status === 303) expect(loser.location).toBe('/login');
    else {
      expect(loser.status).toBe(422);
      expect(loser.body).toContain('現在のパスワードが正しくありません。');
    }
    if (!sameBrowser) expect(loser.location).toBe('/login');
    const account = (await h.inspect.rows('account')).find((rec) => rec.id === accountId)!;
    expect(await verifyPassword(account.passwordHash, winner)).toBe(true);
    expect((await h.outbox()).filter((m) => m.subject === '【My Card】パスワード変更のお知らせ')).toHaveLength(1);
    expect((await h.inspect.rows('audit_log')).filter((e) => e.event === 'password_changed')).toHaveLength(1);
    expect((await h.inspect.rows('session')).filter((rec) => rec.accountId === accountId)).toHaveLength(1);
  });
});

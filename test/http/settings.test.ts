// SPEC T2: the settings under the top page — change password and change My ID, each emailing the old address, rotating the session and ending the others.
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.js';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { lastCode } from '../helpers/codes.js';

const EMAIL = 'hanako@example.jp';
const PASSWORD = 'Sakura#2025x';
const NEW_PASSWORD = 'Kawa!Nagare77';

let h: Harness;
let accountId: number;
beforeEach(async () => {
  h = await makeHarness();
  const made = await addHolder(h, {
    birthdate: '1985-04-12',
    nameRoman: 'HANAKO SATO',
    phones: ['09011112222'],
    cards: [{ number: '4111111111119876', email: EMAIL }],
    account: { email: EMAIL, password: PASSWORD },
  });
  accountId = made.account!.id;
});

async function signedIn(email = EMAIL, password = PASSWORD) {
  const b = browser(h);
  const res = await b.post('/login', { id: email, password });
  expect(res.status).toBe(303);
  return b;
}

const sidOf = (res: { res: Response }) => res.res.headers.getSetCookie().find((c) => c.startsWith('sid='));

describe('T2 settings menu', () => {
  it('is linked from the top page and lists both changes', async () => {
    const b = await signedIn();
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
    const b = await signedIn();
    const page = await b.get('/settings/password');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<input[^>]*id="current"[^>]*type="password"[^>]*autocomplete="current-password"/);
    expect(page.body).toMatch(/<input[^>]*id="password"[^>]*type="password"[^>]*autocomplete="new-password"/);
    expect(page.body).toMatch(/<input[^>]*id="confirm"[^>]*type="password"[^>]*autocomplete="new-password"/);
    expect(page.body).toContain('8文字以上20文字以内');
    expect(page.body).toContain('変更する</button>');
  });

  it('changes the password, rotates the session, ends a second browser and emails the My ID', async () => {
    const b = await signedIn();
    const other = await signedIn();
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
    const b = await signedIn();
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
    const b = await signedIn();
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
    const b = await signedIn();
    await b.get('/settings/password');
    const res = await b.post('/settings/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('is in English too', async () => {
    const b = await signedIn();
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
    const a = await signedIn();
    const b = sameBrowser ? a : await signedIn();
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

describe('T2 wrong current passwords count towards the lock (L5)', () => {
  it('locks the My ID after LOGIN_MAX_FAILURES wrong entries, signs the member out everywhere and sends the lock notice', async () => {
    const b = await signedIn();
    const other = await signedIn();
    await b.get('/settings/password');
    for (let i = 1; i < h.config.LOGIN_MAX_FAILURES; i++) {
      expect((await b.post('/settings/password', { current: `Wrong#${i}pass`, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(422);
    }
    const locked = await b.post('/settings/password', { current: 'Wrong#0pass', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(locked.status).toBe(422);
    expect(locked.body).toContain('IDが無効となっています');
    expect(locked.body).toContain('href="/reset"');
    expect((await h.inspect.rows('session'))).toHaveLength(0);
    expect((await h.inspect.rows('sign_in_attempt'))[0]!.lockedAt).not.toBeNull();
    expect((await h.outbox())[0].to).toBe(EMAIL);
    expect((await other.get('/top')).status).toBe(303);
    // the right password no longer signs in
    expect((await browser(h).post('/login', { id: EMAIL, password: PASSWORD })).body).toContain('IDが無効となっています');
  });
});

describe('T2 change My ID', () => {
  const NEW_EMAIL = 'hanako.new@example.jp';

  async function toConfirm(b: ReturnType<typeof browser>) {
    await b.get('/settings/my-id');
    const res = await b.post('/settings/my-id', { email: NEW_EMAIL });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/settings/my-id/email-code');
    const page = await b.get(res.location!);
    expect(page.body).toContain(NEW_EMAIL); // as typed (issue 19 item 4)
    // cancelling a change goes back to settings, and the page says so (not "back to sign-in")
    expect(page.body).toContain('キャンセルすると変更を中止し、設定画面に戻ります。');
    expect(page.body).not.toContain('ログイン画面に戻ります');
    const verified = await b.post('/settings/my-id/email-code', { code: (await lastCode(h, NEW_EMAIL)) });
    expect(verified.location).toBe('/settings/my-id/confirm');
  }

  it('changes the My ID after the code and the current password, emails the old address, rotates the session and ends the others', async () => {
    const b = await signedIn();
    const other = await signedIn();
    await toConfirm(b);
    const confirm = await b.get('/settings/my-id/confirm');
    expect(confirm.body).toContain(NEW_EMAIL);
    expect(confirm.body).toMatch(/<input[^>]*id="current"[^>]*autocomplete="current-password"/);
    expect(confirm.body).toContain('変更する</button>');
    expect(confirm.body).toContain('キャンセルすると変更を中止し、設定画面に戻ります。');

    const wrong = await b.post('/settings/my-id/confirm', { current: 'Wrong#2025x' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('現在のパスワードが正しくありません。');

    const before = (await h.inspect.rows('session')).map((s) => s.tokenHash);
    const done = await b.post('/settings/my-id/confirm', { current: PASSWORD });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/settings?done=my-id');
    expect(sidOf(done)).toBeDefined();
    const sessions = (await h.inspect.rows('session'));
    expect(sessions).toHaveLength(1);
    expect(before).not.toContain(sessions[0].tokenHash);

    expect((await h.inspect.rows('account')).find((rec) => rec.id === accountId)!.email).toBe(NEW_EMAIL);
    expect((await h.inspect.rows('card'))[0]!.email).toBe(NEW_EMAIL);
    expect((await h.inspect.rows('audit_log')).filter((rec) => rec.event === 'my_id_changed')).toHaveLength(1);
    const notice = (await h.outbox())[0];
    expect(notice.to).toBe(EMAIL);
    expect(notice.subject).toBe('【My Card】My ID変更のお知らせ');
    expect(notice.text).toContain('h*********@e******.jp');

    expect((await b.get(done.location!)).body).toContain(`My IDを ${NEW_EMAIL} に変更しました。`);
    expect((await other.get('/top')).status).toBe(303);
    expect((await browser(h).post('/login', { id: EMAIL, password: PASSWORD })).status).toBe(422);
    expect((await browser(h).post('/login', { id: NEW_EMAIL, password: PASSWORD })).location).toBe('/top');
    // the flow is over: its steps are gone
    expect((await b.get('/settings/my-id/confirm')).location).toBe('/login?flow=expired');
  });

  it('makes the change once when the confirmation is submitted twice at the same time', async () => {
    const b = await signedIn();
    await toConfirm(b);
    const [first, second] = await Promise.all([
      b.post('/settings/my-id/confirm', { current: PASSWORD }),
      b.post('/settings/my-id/confirm', { current: PASSWORD }),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect([first.location, second.location].sort()).toEqual(['/settings', '/settings?done=my-id']);
    expect((await h.inspect.rows('audit_log')).filter((rec) => rec.event === 'my_id_changed')).toHaveLength(1);
    expect((await h.outbox()).filter((m) => m.subject === '【My Card】My ID変更のお知らせ')).toHaveLength(1);
  });

  it('refuses a malformed, the same, or a taken address', async () => {
    await addHolder(h, { account: { email: 'taken@example.jp', password: PASSWORD } });
    const b = await signedIn();
    await b.get('/settings/my-id');
    const bad = await b.post('/settings/my-id', { email: 'hanako@' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('メールアドレスの入力に誤りがあります。');
    const same = await b.post('/settings/my-id', { email: 'HANAKO@example.jp' });
    expect(same.status).toBe(400);
    expect(same.body).toContain('現在のMy IDと同じメールアドレスです。');
    const taken = await b.post('/settings/my-id', { email: 'taken@example.jp' });
    expect(taken.status).toBe(409);
    expect(taken.body).toContain('ご入力いただいたメールアドレスはご利用いただけません。');
    expect((await h.outbox())).toHaveLength(0);
  });

  it('refuses skipping the code, another member using the flow cookie, and cancels back to the settings', async () => {
    const b = await signedIn();
    await b.get('/settings/my-id');
    await b.post('/settings/my-id', { email: NEW_EMAIL });
    expect((await b.get('/settings/my-id/confirm')).location).toBe('/settings/my-id/email-code');
    expect((await b.post('/settings/my-id/confirm', { current: PASSWORD })).location).toBe('/settings/my-id/email-code');

    // a different member's browser carrying this flow cookie gets nothing
    await addHolder(h, { account: { email: 'intruder@example.jp', password: PASSWORD } });
    const intruder = await signedIn('intruder@example.jp');
    intruder.jar.set('flow', b.jar.get('flow')!);
    expect((await intruder.get('/settings/my-id/email-code')).location).toBe('/settings');

    const cancel = await b.post('/settings/my-id/cancel', {});
    expect(cancel.location).toBe('/settings?done=cancelled');
    expect((await h.inspect.rows('flow'))[0]!.endedAt).not.toBeNull();
    expect((await h.inspect.rows('account')).find((rec) => rec.id === accountId)!.email).toBe(EMAIL);
  });

  it('refuses the change when another account took the address after the code was sent', async () => {
    const b = await signedIn();
    await toConfirm(b);
    await addHolder(h, { account: { email: NEW_EMAIL, password: PASSWORD } });
    const res = await b.post('/settings/my-id/confirm', { current: PASSWORD });
    expect(res.status).toBe(409);
    expect(res.body).toContain('ご入力いただいたメールアドレスはご利用いただけません。');
    expect((await h.inspect.rows('account')).find((rec) => rec.id === accountId)!.email).toBe(EMAIL);
  });

  it('two browsers confirming different new My IDs at once: the first ends the other browser’s session, so exactly one change lands', async () => {
    const [a, b] = [await signedIn(), await signedIn()];
    const targets = [a, b].map((br, n) => ({ br, email: `moved${n}@example.jp` }));
    for (const { br, email } of targets) {
      await br.get('/settings/my-id');
      expect((await br.post('/settings/my-id', { email })).location).toBe('/settings/my-id/email-code');
      expect((await br.post('/settings/my-id/email-code', { code: (await lastCode(h, email)) })).location).toBe('/settings/my-id/confirm');
    }
    const replies = await Promise.all(targets.map(({ br }) => br.post('/settings/my-id/confirm', { current: PASSWORD })));
    const done = replies.filter((r) => r.location === '/settings?done=my-id');
    expect(done).toHaveLength(1);
    expect(replies.find((r) => r !== done[0])!.location).toBe('/login');
    const winner = targets[replies.indexOf(done[0])].email;
    expect((await h.inspect.rows('account')).find((rec) => rec.id === accountId)!.email).toBe(winner);
    expect((await h.inspect.rows('card'))[0]!.email).toBe(winner);
    expect((await h.inspect.rows('audit_log')).filter((rec) => rec.event === 'my_id_changed')).toHaveLength(1);
    expect((await h.outbox()).filter((m) => m.subject === '【My Card】My ID変更のお知らせ')).toHaveLength(1);
  });
});

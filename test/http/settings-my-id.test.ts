// SPEC T2: the My ID change — an email code to the new address, the current password, the old address emailed, the session rotated and the others ended.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { lastCode } from '../helpers/codes.js';
import { EMAIL, PASSWORD, settingsMember, sidOf, signedIn } from '../helpers/settings.js';

let h: Harness;
let accountId: number;
beforeEach(async () => {
  ({ h, accountId } = await settingsMember());
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
    const b = await signedIn(h);
    const other = await signedIn(h);
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
    const b = await signedIn(h);
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

  it('answers a second confirmation sent before the first one\'s answer with the settings page, not the expired notice', async () => {
    const b = await signedIn(h);
    await toConfirm(b);
    const flowCookie = b.jar.get('flow');
    expect(flowCookie).toBeDefined();
    const first = await b.post('/settings/my-id/confirm', { current: PASSWORD });
    // the browser sent the second click with the cookies it had then, the flow's among them
    b.jar.set('flow', flowCookie!);
    const second = await b.post('/settings/my-id/confirm', { current: PASSWORD });
    expect([first.location, second.location]).toEqual(['/settings?done=my-id', '/settings']);
    expect((await h.inspect.rows('audit_log')).filter((rec) => rec.event === 'my_id_changed')).toHaveLength(1);
  });

  it('refuses a malformed, the same, or a taken address', async () => {
    await addHolder(h, { account: { email: 'taken@example.jp', password: PASSWORD } });
    const b = await signedIn(h);
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
    const b = await signedIn(h);
    await b.get('/settings/my-id');
    await b.post('/settings/my-id', { email: NEW_EMAIL });
    expect((await b.get('/settings/my-id/confirm')).location).toBe('/settings/my-id/email-code');
    expect((await b.post('/settings/my-id/confirm', { current: PASSWORD })).location).toBe('/settings/my-id/email-code');

    // a different member's browser carrying this flow cookie gets nothing
    await addHolder(h, { account: { email: 'intruder@example.jp', password: PASSWORD } });
    const intruder = await signedIn(h, 'intruder@example.jp');
    intruder.jar.set('flow', b.jar.get('flow')!);
    expect((await intruder.get('/settings/my-id/email-code')).location).toBe('/settings');

    const cancel = await b.post('/settings/my-id/cancel', {});
    expect(cancel.location).toBe('/settings?done=cancelled');
    expect((await h.inspect.rows('flow'))[0]!.endedAt).not.toBeNull();
    expect((await h.inspect.rows('account')).find((rec) => rec.id === accountId)!.email).toBe(EMAIL);
  });

  it('refuses the change when another account took the address after the code was sent', async () => {
    const b = await signedIn(h);
    await toConfirm(b);
    await addHolder(h, { account: { email: NEW_EMAIL, password: PASSWORD } });
    const res = await b.post('/settings/my-id/confirm', { current: PASSWORD });
    expect(res.status).toBe(409);
    expect(res.body).toContain('ご入力いただいたメールアドレスはご利用いただけません。');
    expect((await h.inspect.rows('account')).find((rec) => rec.id === accountId)!.email).toBe(EMAIL);
  });

  it('two browsers confirming different new My IDs at once: the first ends the other browser’s session, so exactly one change lands', async () => {
    const [a, b] = [await signedIn(h), await signedIn(h)];
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

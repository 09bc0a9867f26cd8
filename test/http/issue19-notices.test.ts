// Issue 19 item 1: security notices lead the holder somewhere — the right link text, the support desk, the procedure a code is for.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { GOOD_PASSWORD, startMigration } from '../helpers/walk.js';
import { lastCode } from '../helpers/codes.js';

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('issue 19 item 1: notices', () => {
  it('the My ID changed notice to the old address says to call and to create a new My ID, not to reset', async () => {
    const h = await makeHarness();
    await addHolder(h, { phones: ['09011112222'], cards: [{ email: 'old@example.jp' }], account: { email: 'old@example.jp', password: 'Sakura#2025x' } });
    const b = browser(h);
    await b.post('/login', { id: 'old@example.jp', password: 'Sakura#2025x' });
    await b.get('/settings/my-id');
    await b.post('/settings/my-id', { email: 'new@example.jp' });
    await b.post('/settings/my-id/email-code', { code: (await lastCode(h, 'new@example.jp')) });
    expect((await b.post('/settings/my-id/confirm', { current: 'Sakura#2025x' })).location).toBe('/settings?done=my-id');
    const notice = (await h.outbox()).find((m) => m.to === 'old@example.jp' && !m.code)!;
    expect(notice.subject).toBe('【My Card】My ID変更のお知らせ');
    expect(notice.text).toContain('「My ID作成はこちら」');
    expect(notice.text).toContain('サポートデスク（0120-000-000、受付時間 9:00〜17:00）');
    expect(notice.text).not.toContain('パスワードを再設定し');
    expect(notice.text).not.toContain('パスワードを忘れた方はこちら');
  });

  it('the legacy lock notice never says to set a new password; its subject is in both languages', async () => {
    const h = await makeHarness();
    await addHolder(h, { legacyId: 'taro-01', cards: [{ email: 'taro@example.jp' }] });
    const b = browser(h);
    for (let i = 0; i < h.config.LOGIN_MAX_FAILURES; i++) await b.post('/login', { id: 'taro-01', password: `wrong-${i}` });
    await settle();
    const notice = (await h.outbox()).find((m) => m.to === 'taro@example.jp')!;
    expect(notice.subject).toBe('【My Card】アカウント停止のお知らせ / [My Card] Your ID has been locked');
    expect(notice.text).not.toContain('新しいパスワードを設定');
    expect(notice.text).not.toContain('Set a new password');
    expect(notice.text).toContain('上記の手続きでMy IDを作成してください');
    expect(notice.text).toContain('0120-000-000');
  });

  it('account notices name the link as the sign-in page does (パスワードをお忘れの方はこちら)', async () => {
    const h = await makeHarness();
    await addHolder(h, { cards: [{ email: 'hana@example.jp' }], account: { email: 'hana@example.jp', password: 'Sakura#2025x' } });
    const b = browser(h);
    await b.post('/login', { id: 'hana@example.jp', password: 'Sakura#2025x' });
    await b.post('/settings/password', { current: 'Sakura#2025x', password: 'Kawa!Nagare77', confirm: 'Kawa!Nagare77' });
    const notice = (await h.outbox()).find((m) => m.subject === '【My Card】パスワード変更のお知らせ')!;
    expect(notice.text).toContain('「パスワードをお忘れの方はこちら」');
    expect(notice.text).not.toContain('パスワードを忘れた方はこちら');
  });

  it('a reset code email says it is for a password reset, and what to do if not requested', async () => {
    const h = await makeHarness();
    await addHolder(h, { cards: [{ email: 'hana@example.jp' }], account: { email: 'hana@example.jp', password: 'Sakura#2025x' } });
    await browser(h).post('/reset', { email: 'hana@example.jp' });
    const m = (await h.outbox()).find((x) => x.to === 'hana@example.jp' && x.code)!;
    expect(m.subject).toBe('【My Card】パスワードの再設定の認証コードのお知らせ');
    expect(m.text).toContain('「パスワードの再設定」のお手続きに心当たりのない場合');
    expect(m.text).toContain('パスワードは変更されません');
    const b = browser(h);
    h.clock.advance(60_000);
    await b.get('/reset?lang=en');
    await b.post('/reset', { email: 'hana@example.jp' });
    expect((await h.outbox())[0].subject).toBe('[My Card] Your verification code for resetting your password');
  });

  it('choosing a new email: the card’s previous registered address is told it was replaced', async () => {
    const h = await makeHarness();
    await addHolder(h, { legacyId: 'jiro-01', phones: ['09033334444'], cards: [{ email: 'card-old@example.jp' }] });
    const { b } = await startMigration(h, 'jiro-01', 'legacy-pass');
    await b.post('/migration/email-choice', { choice: 'no' });
    await b.post('/migration/new-email', { email: 'jiro-new@example.jp' });
    await b.post('/migration/email-code', { code: (await lastCode(h, 'jiro-new@example.jp')) });
    await b.post('/migration/confirm-email', {});
    await b.post('/migration/phone', { code: (await lastCode(h, '09033334444')) });
    expect((await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/migration/done');
    const replaced = (await h.outbox()).find((m) => m.to === 'card-old@example.jp')!;
    expect(replaced.subject).toBe('【My Card】カード登録メールアドレス変更のお知らせ');
    expect(replaced.text).toContain('j*******@e******.jp');
    expect(replaced.text).toContain('0120-000-000');
  });
});

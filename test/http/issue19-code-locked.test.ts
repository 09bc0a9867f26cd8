// Issue 19 item 3: a locked code step gets a page of its own — what happened, until when, start again, where to get help; no live code form.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { startMigration } from '../helpers/walk.js';
import { lastCode, WRONG_CODE } from '../helpers/codes.js';

const wrongFor = (_right: string) => WRONG_CODE;

function expectLockedPage(body: string, lockMessageCount = 1) {
  expect(body).toContain('<h1>認証機能がロックされました</h1>');
  expect(body.split('一定回数以上入力に誤りがあったため、認証機能がロックされました。').length - 1).toBe(lockMessageCount);
  // the clock starts at 10:00 Tokyo; the lock lasts CODE_LOCK_SECONDS (30 minutes)
  expect(body).toMatch(/ロックは\d{4}年\d{1,2}月\d{1,2}日 10:30（日本時間）に解除されます。/);
  expect(body).toContain('ログイン画面からもう一度お手続きを始めてください');
  expect(body).toContain('サポートデスク（0120-000-000、受付時間 9:00〜17:00）');
  expect(body).not.toContain('name="code"');
  expect(body).not.toContain('認証コードを再送信する');
  expect(body).not.toContain('音声電話で認証コードを送信');
  expect(body).not.toContain('までに完了してください');
}

describe('issue 19 item 3: the locked code page', () => {
  it('migration phone step: after CODE_MAX_FAILURES wrong codes, POST and GET show the locked page', async () => {
    const h = await makeHarness();
    await addHolder(h, { legacyId: 'lock-p1', phones: ['09055556666'], cards: [{ email: 'lock-p1@example.jp' }] });
    const { b } = await startMigration(h, 'lock-p1', 'legacy-pass');
    await b.post('/migration/email-choice', { choice: 'yes' });
    const wrong = wrongFor((await lastCode(h, '09055556666')));
    for (let i = 1; i < h.config.CODE_MAX_FAILURES; i++) await b.post('/migration/phone', { code: wrong });
    const locked = await b.post('/migration/phone', { code: wrong });
    expect(locked.status).toBe(429);
    expectLockedPage(locked.body);
    const again = await b.get('/migration/phone');
    expect(again.status).toBe(200);
    expectLockedPage(again.body);
    expect(again.body).toContain('action="/migration/cancel"');
    const en = await b.get('/migration/phone?lang=en');
    expect(en.body).toContain('<h1>Verification is locked</h1>');
    expect(en.body).toContain('(Japan time)');
  });

  it('the reset email code step locks the same way', async () => {
    const h = await makeHarness();
    await addHolder(h, { cards: [{ email: 'hana@example.jp' }], account: { email: 'hana@example.jp', password: 'Sakura#2025x' } });
    const b = browser(h);
    await b.post('/reset', { email: 'hana@example.jp' });
    const wrong = wrongFor((await lastCode(h, 'hana@example.jp')));
    for (let i = 1; i < h.config.CODE_MAX_FAILURES; i++) await b.post('/reset/email-code', { code: wrong });
    const locked = await b.post('/reset/email-code', { code: wrong });
    expect(locked.status).toBe(429);
    expectLockedPage(locked.body);
  });
});

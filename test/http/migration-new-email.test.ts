// SPEC M3 over HTTP: the new-email step — its field, the format rules (N1's full-width conversion, rfcEmail, domain labels), an address
// already a My ID, and ログインへ戻る.
import { describe, expect, it } from 'vitest';
import { browser } from '../helpers/app.js';
import { codesTo } from '../helpers/codes.js';
import { walkTo } from '../helpers/walk.js';
import { h, MOBILE, type Browser } from './support/migration-edges.js';

describe('M3 new email', () => {
  const atNewEmail = (b: Browser) => walkTo(h, 'migration', 'new-email', { b, ...MOBILE, choice: 'no' });

  it('shows the field with type email, autocomplete, example and both buttons', async () => {
    const b = browser(h);
    await atNewEmail(b);
    const page = await b.get('/migration/new-email');
    expect(page.body).toContain('ステップ 3/8');
    expect(page.body).toMatch(/<input[^>]*type="email"[^>]*|<input[^>]*autocomplete="email"/);
    expect(page.body).toContain('abc@example.jp');
    expect(page.body).toContain('ログインへ戻る</button>');
    expect(page.body).toContain('登録</button>');
  });

  it.each([
    ['taro＠example．jp', null],
    ['たろう@example.jp', 'メールアドレスに使えない文字'],
    ['taro.example.jp', '@'],
    ['a@b@example.jp', '@'],
    ['@example.jp', '@'],
    ['taro@', '@'],
    ['ta ro(x)@example.jp', ''],
    ['taro@localhost', ''],
    [`${'a'.repeat(250)}@example.jp`, '254'],
    // domains no mail can reach (rfcEmail and label rules), while a carrier address with two dots in the local part is fine
    ['taro@example..jp', 'ドメイン'],
    ['taro@-example.jp', 'ドメイン'],
    ['taro@example-.jp', 'ドメイン'],
    [`taro@${'b'.repeat(64)}.jp`, 'ドメイン'],
  ])('%s → the format error with the rule that failed', async (email, fragment) => {
    const b = browser(h);
    await atNewEmail(b);
    const res = await b.post('/migration/new-email', { email });
    if (fragment === null) {
      // full-width input is converted, not refused (SPEC N1)
      expect(res.location).toBe('/migration/email-code');
      expect((await codesTo(h, 'taro@example.jp'))).toHaveLength(1);
      return;
    }
    expect(res.status).toBe(400);
    expect(res.body).toContain('メールアドレスの入力に誤りがあります。');
    if (fragment) expect(res.body).toContain(fragment);
    expect(res.body).toMatch(/<title>エラー: /);
    expect(res.body).toMatch(/aria-invalid="true"/);
    expect((await h.outbox()).filter((m) => m.code)).toHaveLength(0);
  });

  it('an old carrier address with two dots in a row before the @ is accepted (GOTCHAS: rfcEmail)', async () => {
    const b = browser(h);
    await atNewEmail(b);
    expect((await b.post('/migration/new-email', { email: 'taro..yamada@docomo.ne.jp' })).location).toBe('/migration/email-code');
    expect((await codesTo(h, 'taro..yamada@docomo.ne.jp'))).toHaveLength(1);
  });

  it('an address that is already a My ID (any case) is refused with 409 and no code is sent', async () => {
    const b = browser(h);
    await atNewEmail(b);
    const res = await b.post('/migration/new-email', { email: 'Taken@Example.JP' });
    expect(res.status).toBe(409);
    expect(res.body).toContain('ご入力いただいたメールアドレスはご利用いただけません。');
    expect(res.body).toContain('value="Taken@Example.JP"');
    expect((await h.outbox()).filter((m) => m.code)).toHaveLength(0);
  });

  it('ログインへ戻る ends the flow', async () => {
    const b = browser(h);
    await atNewEmail(b);
    expect((await b.post('/migration/cancel', {})).location).toBe('/login?flow=cancelled');
    expect((await b.get('/migration/new-email')).location).toBe('/login?flow=expired');
  });
});

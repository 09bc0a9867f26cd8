// Issue 19 item 13: the sign-in page — advice for a locked ID in the order that fits what was typed, a confusable-characters
// hint that does not depend on the font, and the guide's "when to use which" under its links.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

const LEGACY_ADVICE = '「My ID作成はこちら」からMy IDを新規作成してください。';
const MY_ID_ADVICE = '「パスワードをお忘れの方はこちら」からパスワードを再設定してください。';

async function lockedBody(id: string) {
  const h = await makeHarness();
  await addHolder(h, { cards: [{ email: 'hana@example.jp' }], account: { email: 'hana@example.jp', password: 'Sakura#2025x' } });
  const b = browser(h);
  let body = '';
  for (let i = 0; i < 6; i++) body = (await b.post('/login', { id, password: `wrong-${i}` })).body;
  return body;
}

describe('issue 19 item 13: the sign-in page', () => {
  it('a locked email-shaped ID reads the My ID advice first; any other ID the legacy advice first', async () => {
    const email = await lockedBody('hana@example.jp');
    expect(email).toContain('IDが無効となっています');
    expect(email.indexOf(MY_ID_ADVICE)).toBeGreaterThan(-1);
    expect(email.indexOf(MY_ID_ADVICE)).toBeLessThan(email.indexOf(LEGACY_ADVICE));
    // the order follows the typed shape only: an unknown email-shaped ID reads the same as a known one (L6)
    const unknownEmail = await lockedBody('nobody@example.jp');
    expect(unknownEmail.indexOf(MY_ID_ADVICE)).toBeLessThan(unknownEmail.indexOf(LEGACY_ADVICE));
    // a legacy-shaped ID: the legacy advice, first
    const legacy = await lockedBody('old-id-123');
    expect(legacy).toContain('My ID作成はこちら');
    const [l, m] = [legacy.indexOf('My ID作成はこちら'), legacy.indexOf('パスワードをお忘れの方はこちら」から')];
    expect(m === -1 || l < m).toBe(true);
  });

  it('the confusable-characters hint names the characters in words, so no font can hide the difference', async () => {
    const page = await browser(await makeHarness()).get('/login?lang=ja');
    expect(page.body).toContain('大文字のアイ「I」');
    expect(page.body).toContain('小文字のエル「l」');
    const en = await browser(await makeHarness()).get('/login?lang=en');
    expect(en.body).toContain('capital i (I)');
    expect(en.body).toContain('small L (l)');
  });

  it('the links under the form say when to use which, as the guide does', async () => {
    const page = await browser(await makeHarness()).get('/login?lang=ja');
    const links = page.body.slice(page.body.indexOf('class="link-list"'));
    expect(links).toMatch(/href="\/register">My ID作成はこちら<\/a><p class="hint">新しいメールアドレスをMy IDとして登録したい場合、ログインIDがわからない場合/);
    expect(links).toMatch(/href="\/reset">パスワードをお忘れの方はこちら<\/a><p class="hint">My IDを登録済みで、パスワードを忘れた場合/);
  });
});

describe('issue 19 item 16: a locked sign-in names the support desk', () => {
  it('from SUPPORT_PHONE and SUPPORT_HOURS, alike for a known and an unknown ID; a wrong password does not', async () => {
    for (const id of ['hana@example.jp', 'nobody@example.jp']) {
      const h = await makeHarness({ SUPPORT_PHONE: '0120-987-654', SUPPORT_HOURS: '9:00〜20:00' });
      await addHolder(h, { cards: [{ email: 'hana@example.jp' }], account: { email: 'hana@example.jp', password: 'Sakura#2025x' } });
      const b = browser(h);
      const first = await b.post('/login', { id, password: 'wrong-0' });
      expect(first.body, id).not.toContain('0120-987-654');
      let body = '';
      for (let i = 1; i < 6; i++) body = (await b.post('/login', { id, password: `wrong-${i}` })).body;
      expect(body, id).toContain('IDが無効となっています');
      expect(body, id).toContain('0120-987-654');
      expect(body, id).toContain('9:00〜20:00');
    }
  });
});

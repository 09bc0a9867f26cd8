// Issue 19 item 4: the address just typed in this browser is shown in full on the code page, so a typo can be seen.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { walkTo } from '../helpers/walk.js';

describe('issue 19 item 4: typed addresses in full', () => {
  it('the migration email code page shows the address as typed', async () => {
    const h = await makeHarness();
    await addHolder(h, { legacyId: 'typo-01', cards: [{ email: 'typo-01@example.jp' }] });
    const b = await walkTo(h, 'migration', 'email-code', { id: 'typo-01', email: 'ichiro@exmaple.net' });
    const page = await b.get('/migration/email-code');
    expect(page.body).toContain('入力していただいたメールアドレス（ichiro@exmaple.net）');
  });

  it('the reset code page names the typed address, for a known and an unknown one alike', async () => {
    const h = await makeHarness();
    await addHolder(h, { cards: [{ email: 'hana@example.jp' }], account: { email: 'hana@example.jp', password: 'Sakura#2025x' } });
    for (const email of ['hana@example.jp', 'hana@exmaple.jp']) {
      const b = browser(h);
      await b.post('/reset', { email });
      expect((await b.get('/reset/email-code')).body).toContain(`ご入力のメールアドレス（${email}）がMy IDとして登録されている場合は`);
    }
  });

  it('the My ID change code page shows the new address in full', async () => {
    const h = await makeHarness();
    await addHolder(h, { cards: [{ email: 'hana@example.jp' }], account: { email: 'hana@example.jp', password: 'Sakura#2025x' } });
    const b = browser(h);
    await b.post('/login', { id: 'hana@example.jp', password: 'Sakura#2025x' });
    await b.post('/settings/my-id', { email: 'hanako.new@example.jp' });
    expect((await b.get('/settings/my-id/email-code')).body).toContain('hanako.new@example.jp あてに認証コードをお送りしました。');
  });
});

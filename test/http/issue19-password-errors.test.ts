// Issue 19 items 9, 10: every broken password rule is shown inline, the rules describe the field, and the error summary takes focus.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

describe('issue 19 items 9 and 10', () => {
  it('the inline error of the new password lists every broken rule; the rules list describes the field; the summary has autofocus', async () => {
    const h = await makeHarness();
    await addHolder(h, { cards: [{ email: 'hana@example.jp' }], account: { email: 'hana@example.jp', password: 'Sakura#2025x' } });
    const b = browser(h);
    await b.post('/login', { id: 'hana@example.jp', password: 'Sakura#2025x' });
    const res = await b.post('/settings/password', { current: 'Sakura#2025x', password: 'abc', confirm: 'abc' });
    expect(res.status).toBe(400);
    const inline = res.body.match(/<p class="error-message" id="password-error">[\s\S]*?<\/p>/)![0];
    expect(inline).toContain('パスワードは8文字以上20文字以内で入力してください。');
    expect(inline).toContain('パスワードには英字・数字・記号をそれぞれ1文字以上含めてください。');
    expect(res.body).toMatch(/<input[^>]*id="password"[^>]*aria-describedby="password-rules-list password-error"/);
    expect(res.body).toContain('<ul class="hint-list" id="password-rules-list">');
    expect(res.body).toMatch(/<div class="error-summary"[^>]*tabindex="-1" autofocus="">/);
  });
});

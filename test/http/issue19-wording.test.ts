// Issue 19 item 14 (part): headings say what the page is, not a link's text; completion headings follow one pattern;
// English avoids "half-width" and says "(Japan time)".
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/index.js';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { walkTo } from '../helpers/walk.js';

// the step caption is part of the heading (issue 19 item 7); what follows it is what the page is
const h1 = (html: string) => html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1]?.replace(/^<span class="step-indicator">[^<]*<\/span> /, '');

describe('issue 19 item 14: wording', () => {
  it('/reset and /register are headed by what they are, in both languages', async () => {
    const b = browser(await makeHarness());
    expect(h1((await b.get('/reset?lang=ja')).body)).toBe('パスワードの再設定');
    expect(h1((await b.get('/register?lang=ja')).body)).toBe('My IDの新規作成');
    expect(h1((await b.get('/reset?lang=en')).body)).toBe('Reset your password');
    expect(h1((await b.get('/register?lang=en')).body)).toBe('Create a new My ID');
  });

  it('the three completion headings follow the guide\'s 「…完了」 pattern', () => {
    for (const key of ['migration.doneHeading', 'registration.doneHeading', 'reset.doneHeading', 'migration.doneTitle', 'registration.doneTitle', 'reset.doneTitle']) {
      expect(catalogues.ja[key], key).toMatch(/完了$/);
      expect(catalogues.en[key], key).toMatch(/ complete$/);
    }
    // and the guide's sentence is said on both registration done pages (M8)
    expect(catalogues.ja['migration.doneBody']).toContain('の利用登録が正常に完了しました。');
    expect(catalogues.ja['registration.doneBody']).toContain('の利用登録が正常に完了しました。');
  });

  it('no English message says "half-width", and every English time names the time zone', () => {
    for (const [key, text] of Object.entries(catalogues.en)) {
      expect(text, key).not.toMatch(/half-width|full-width/i);
      if (/\{time\}/.test(text)) expect(text, key).toMatch(/\{time\} \(Japan time\)|\{time\}（日本時間）/);
      // the support desk's opening hours are clock times too
      if (/\{supportHours\}/.test(text)) expect(text, key).toMatch(/\{supportHours\}, Japan time\)/);
    }
  });
});

describe('issue 19 item 14: the taken-email answer says what to do next', () => {
  it('M3, G2 and the My ID change add the guide\'s 「別のメールアドレスを再度入力してください」, in both languages', async () => {
    const h = await makeHarness();
    await addHolder(h, { cards: [{ email: 'taken.one@example.jp' }], account: { email: 'taken.one@example.jp', password: 'Sakura#2025x' } });
    await addHolder(h, { legacyId: 'taken-m3', cards: [{ email: 'taken-m3@example.jp' }] });
    await addHolder(h, { cards: [{ email: 'taken.two@example.jp' }], account: { email: 'taken.two@example.jp', password: 'Sakura#2025x' } });
    const ja = 'ご入力いただいたメールアドレスはご利用いただけません。お手数ですが、別のメールアドレスを再度入力してください。';
    const en = 'This email address cannot be used. Please enter a different email address.';
    const m = await walkTo(h, 'migration', 'new-email', { id: 'taken-m3', choice: 'no' });
    expect((await m.post('/migration/new-email?lang=ja', { email: 'taken.one@example.jp' })).body).toContain(ja);
    expect((await m.post('/migration/new-email?lang=en', { email: 'TAKEN.one@example.jp' })).body).toContain(en);
    const member = browser(h);
    await member.post('/login', { id: 'taken.one@example.jp', password: 'Sakura#2025x' });
    const t2 = await member.post('/settings/my-id?lang=ja', { email: 'taken.two@example.jp' });
    expect(t2.status).toBe(409);
    expect(t2.body).toContain(ja);
    await addHolder(h, { cards: [{ number: '4980000000022222', email: 'taken-g2@example.jp' }] });
    const g = await walkTo(h, 'registration', 'email', { card: '4980000000022222', birthdate: '1980-04-01' });
    const g2 = await g.post('/register/email?lang=en', { email: 'taken.one@example.jp' });
    expect(g2.status).toBe(409);
    expect(g2.body).toContain(en);
  });
});

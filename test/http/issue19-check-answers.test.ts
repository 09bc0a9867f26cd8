// Issue 19 item 8: check your answers on the page whose button commits (⑧ for M and G, no new step): the My ID, the cards
// linked and left separate, the card email changed, the My ID closed — said again on the done page and in the email; M5's
// 「メールアドレスを修正する」 back to M3 with the address filled in.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { GOOD_PASSWORD, walkTo } from '../helpers/walk.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const summaryOf = (html: string) => /<section class="commit-summary"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

/** A holder with a gold card and an ETC card on one address, and a third card on another. */
async function multiCardHolder(h: Harness, legacyId: string) {
  return addHolder(h, {
    legacyId,
    cards: [
      { number: '4980000000000042', cardName: 'ゴールドカード', email: 'taro.multi@example.jp' },
      { number: '4980000000000158', cardName: 'ETCカード', email: 'taro.multi@example.jp' },
      { number: '4980000000000777', cardName: 'ファミリーカード', email: 'family@example.jp' },
    ],
  });
}

describe('issue 19 item 8: check your answers before the commit', () => {
  it('M: the password page says which cards are linked, which stay separate, and the card email that changes', async () => {
    const h = await makeHarness();
    await multiCardHolder(h, 'multi-01');
    const b = await walkTo(h, 'migration', 'password', { id: 'multi-01', email: 'taro.new@example.jp' });
    const page = await b.get('/migration/password?lang=ja');
    const summary = summaryOf(page.body);
    expect(text(summary)).toContain('「登録」を押すと、次のとおり登録されます');
    expect(text(summary)).toMatch(/My ID taro\.new@example\.jp/);
    expect(text(summary)).toMatch(/このMy IDでご利用になるカード ゴールドカード 下4桁 0042 ETCカード 下4桁 0158 連携されないカード ファミリーカード 下4桁 0777/);
    expect(summary).toContain('href="/help#cards-not-linked"');
    // the card's own address comes from the record: masked, hidden from assistive technology and said in words
    expect(summary).toContain('<span aria-hidden="true">t*********@e******.jp</span>');
    expect(summary).toContain('「t」で始まり、@の後ろが「e」で始まって「.jp」で終わるメールアドレス');
    expect(text(summary)).toContain('から taro.new@example.jp に変更されます');
    // the summary sits above the button that commits
    expect(page.body.indexOf('commit-summary')).toBeLessThan(page.body.indexOf('name="password"'));

    const done = await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD });
    expect(done.location).toBe('/migration/done');
    const donePage = text(summaryOf((await b.get('/migration/done')).body));
    expect(donePage).toContain('登録した内容');
    expect(donePage).toMatch(/このMy IDでご利用いただけるカード ゴールドカード 下4桁 0042 ETCカード 下4桁 0158 連携しなかったカード ファミリーカード 下4桁 0777/);
    expect(donePage).toContain('から taro.new@example.jp に変更しました');
    const mail = (await h.outbox()).find((m) => m.to === 'taro.new@example.jp' && m.subject.includes('My ID登録完了'));
    expect(mail?.text).toContain('このMy IDでご利用いただけるカード：ゴールドカード（下4桁 0042）、ETCカード（下4桁 0158）');
    expect(mail?.text).toContain('このMy IDに連携されていないカード：ファミリーカード（下4桁 0777）');
    expect(mail?.text).toContain('カードの登録メールアドレスも、このメールアドレスに変更しました。');
  });

  it('M in English: card names marked Japanese, the kept card email said to stay the same', async () => {
    const h = await makeHarness();
    await multiCardHolder(h, 'multi-02');
    const b = await walkTo(h, 'migration', 'password', { id: 'multi-02' });
    const summary = summaryOf((await b.get('/migration/password?lang=en')).body);
    expect(text(summary)).toContain('When you select “Register”, this is what will be registered');
    expect(summary).toContain('<span lang="ja">ゴールドカード</span> ending 0042');
    expect(text(summary)).toContain('Cards that will not be linked');
    expect(text(summary)).toContain('Stays the same (it is your My ID)');
    await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD });
    expect(text(summaryOf((await b.get('/migration/done')).body))).toContain('What was registered');
    const mail = (await h.outbox()).find((m) => m.to === 'taro.multi@example.jp' && m.subject.includes('My ID is registered'));
    expect(mail?.text).toContain('Cards you can use with this My ID: ゴールドカード (ending 0042), ETCカード (ending 0158)');
    expect(mail?.text).toContain('The email address registered for your cards stays the same.');
  });

  it('G: the password page says the existing My ID is closed and every card moves; the done page and the email again', async () => {
    const h = await makeHarness();
    await addHolder(h, {
      cards: [{ number: '4980000000000042', cardName: 'ゴールドカード', email: 'old.id@example.jp' }],
      account: { email: 'old.id@example.jp', password: 'Sakura#2025x' },
    });
    for (const lang of ['ja', 'en'] as const) {
      const email = `new.${lang}@example.jp`;
      const b = browser(h);
      await b.get(`/register?lang=${lang}`);
      await walkTo(h, 'registration', 'password', { b, card: '4980000000000042', birthdate: '1980-04-01', email });
      const summary = summaryOf((await b.get('/register/password')).body);
      // the second walk closes the My ID the first one made
      const closing = lang === 'ja' ? 'o*****@e******.jp' : 'n*****@e******.jp';
      expect(summary).toContain(`<span aria-hidden="true">${closing}</span>`);
      expect(text(summary)).toContain(lang === 'ja' ? '廃止されるMy ID' : 'My ID that will be closed');
      expect(text(summary)).toContain(lang === 'ja' ? 'これまでのMy IDは廃止され、ログインできなくなります。' : 'Your previous My ID will be closed');
      await b.post('/register/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD });
      const done = text(summaryOf((await b.get('/register/done')).body));
      expect(done).toContain(lang === 'ja' ? 'これまでのMy IDは廃止しました。' : 'Your previous My ID has been closed.');
      // the done page's labels say what was done, not what will be (review: no future tense after the commit)
      expect(done).toContain(lang === 'ja' ? '廃止したMy ID' : 'My ID closed');
      expect(done).not.toContain(lang === 'ja' ? '廃止されるMy ID' : 'will be closed');
      const mail = (await h.outbox()).find((m) => m.to === email && /My ID登録完了|My ID is registered/.test(m.subject));
      expect(mail?.text).toContain(lang === 'ja' ? 'ゴールドカード（下4桁 0042）' : 'ゴールドカード (ending 0042)');
      expect(mail?.text).toContain(lang === 'ja' ? `これまでのMy ID（${closing}）は廃止しました。` : `Your previous My ID (${closing}) has been closed.`);
    }
  });

  it('M5: いいえ stays, and 「メールアドレスを修正する」 goes back to M3 with the address filled in', async () => {
    const h = await makeHarness();
    await addHolder(h, { legacyId: 'fix-01', cards: [{ email: 'fix-01@example.jp' }] });
    const b = await walkTo(h, 'migration', 'confirm-email', { id: 'fix-01', email: 'ichiro@exmaple.net' });
    const page = (await b.get('/migration/confirm-email')).body;
    expect(page).toMatch(/<button[^>]*>いいえ<\/button>/);
    expect(page).toMatch(/action="\/migration\/confirm-email\/change"[\s\S]*?<button[^>]*>メールアドレスを修正する<\/button>/);
    expect((await b.get('/migration/confirm-email?lang=en')).body).toMatch(/<button[^>]*>Correct the email address<\/button>/);
    const back = await b.post('/migration/confirm-email/change', {});
    expect(back.status).toBe(303);
    expect(back.location).toBe('/migration/new-email');
    const m3 = (await b.get('/migration/new-email?lang=ja')).body;
    expect(m3).toMatch(/<input[^>]*value="ichiro@exmaple.net"/);
    // the corrected address gets its own code and the walk goes on
    const fixed = await b.post('/migration/new-email', { email: 'ichiro@example.net' });
    expect(fixed.location).toBe('/migration/email-code');
    expect((await h.outbox()).some((m) => m.to === 'ichiro@example.net' && m.code)).toBe(true);
  });
});

describe('issue 19 item 8: the help page', () => {
  it('explains cards that are not linked, in both languages, where the summary links to', async () => {
    const b = browser(await makeHarness());
    const ja = (await b.get('/help?lang=ja')).body;
    expect(ja).toMatch(/<h3 id="cards-not-linked">「連携されないカード」が表示されたとき<\/h3>/);
    expect(ja).toContain('あらためてMy IDへの移行のお手続きをしてください。');
    const en = (await b.get('/help?lang=en')).body;
    expect(en).toMatch(/<h3 id="cards-not-linked">When “Cards that will not be linked” is shown<\/h3>/);
  });
});

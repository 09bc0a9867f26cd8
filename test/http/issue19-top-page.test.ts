// Issue 19 item 15: the top page next to the guide's ⑪ — the holder greeted by name, notices that open,
// a support entry, one member menu in one place on every signed-in page, Japanese names marked lang="ja" in English.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

async function signedIn(h: Harness, spec: Parameters<typeof addHolder>[1] = {}, landing = '/top') {
  await addHolder(h, { cards: [{ email: 'hana@example.jp', cardName: 'ゴールドカード' }], account: { email: 'hana@example.jp', password: 'Sakura#2025x' }, ...spec });
  const b = browser(h);
  const res = await b.post('/login', { id: 'hana@example.jp', password: 'Sakura#2025x' });
  expect(res.location).toBe(landing);
  return b;
}

const navOf = (html: string) => html.match(/<nav aria-label="[^"]*" class="member-nav">[\s\S]*?<\/nav>/)?.[0] ?? '';

describe('issue 19 item 15: the top page', () => {
  it('greets the holder by name in the heading, in both languages', async () => {
    const h = await makeHarness();
    const b = await signedIn(h, { name: '山田 花子', nameRoman: 'HANAKO YAMADA' });
    const ja = await b.get('/top');
    expect(ja.body).toMatch(/<h1[^>]*>山田 花子 様<\/h1>/);
    const en = await b.get('/top?lang=en');
    expect(en.body).toMatch(/<h1[^>]*>Welcome, HANAKO YAMADA<\/h1>/);
  });

  it('an English page with no roman name shows the Japanese name marked lang="ja"', async () => {
    const h = await makeHarness();
    const b = await signedIn(h, { name: '山田 花子', nameRoman: '' });
    const en = await b.get('/top?lang=en');
    expect(en.body).toMatch(/<h1[^>]*>Welcome, <span lang="ja">山田 花子<\/span><\/h1>/);
  });

  it('English pages mark the Japanese card names lang="ja" (WCAG 3.1.2); Japanese pages need no mark', async () => {
    const h = await makeHarness();
    const b = await signedIn(h);
    const en = await b.get('/top?lang=en');
    expect(en.body).toContain('<span lang="ja">ゴールドカード</span>');
    expect(en.body).not.toMatch(/aria-label="ゴールドカード/);
    const ja = await b.get('/top?lang=ja');
    expect(ja.body).toContain('ゴールドカード');
    expect(ja.body).not.toContain('<span lang="ja">ゴールドカード</span>');
  });

  it('a notice opens to its text without script', async () => {
    const h = await makeHarness();
    await h.inspect.insert('notice', { titleJa: '年末年始の営業時間について', titleEn: 'Holiday opening hours', bodyJa: '12月29日から1月3日まではお休みします。', bodyEn: 'We are closed from 29 December to 3 January.', publishedAt: h.clock.now() });
    const b = await signedIn(h);
    const ja = await b.get('/top');
    expect(ja.body).toMatch(/<details[^>]*><summary[^>]*>[\s\S]*年末年始の営業時間について[\s\S]*<\/summary>[\s\S]*12月29日から1月3日まではお休みします。[\s\S]*<\/details>/);
    const en = await b.get('/top?lang=en');
    expect(en.body).toMatch(/<summary[^>]*>[\s\S]*Holiday opening hours[\s\S]*<\/summary>[\s\S]*We are closed from 29 December to 3 January\./);
  });

  it('one member menu, with a support entry, sits in the same place on /top and /settings', async () => {
    const h = await makeHarness();
    const b = await signedIn(h);
    const top = await b.get('/top');
    const settings = await b.get('/settings');
    const [navTop, navSettings] = [navOf(top.body), navOf(settings.body)];
    for (const nav of [navTop, navSettings]) {
      expect(nav).toContain('href="/top"');
      expect(nav).toContain('href="/settings"');
      expect(nav).toContain('お客さまサポート');
      expect(nav).toContain('href="/help#support"');
    }
    expect(navTop).toMatch(/href="\/top" aria-current="page"/);
    expect(navSettings).toMatch(/href="\/settings" aria-current="page"/);
    // the same place: in the header, before <main>, on both pages
    for (const page of [top.body, settings.body]) expect(page.indexOf('class="member-nav"')).toBeLessThan(page.indexOf('<main'));
    // and only one menu per page
    for (const page of [top.body, settings.body]) expect(page.split('class="member-nav"').length).toBe(2);
  });

  it('the menu is not shown to a visitor, nor before current terms are accepted (only sections that work)', async () => {
    const h = await makeHarness();
    const visitor = await browser(h).get('/login');
    expect(visitor.body).not.toContain('class="member-nav"');
    const b = await signedIn(h, { account: { email: 'hana@example.jp', password: 'Sakura#2025x', termsVersion: 'old' } });
    const terms = await b.get('/terms');
    expect(terms.status).toBe(200);
    expect(terms.body).not.toContain('class="member-nav"');
  });

  it('the help page has the support section the menu points to, naming SUPPORT_PHONE and SUPPORT_HOURS', async () => {
    const h = await makeHarness({ SUPPORT_PHONE: '0120-123-456', SUPPORT_HOURS: '9:00〜18:00' });
    const help = await browser(h).get('/help');
    expect(help.body).toMatch(/id="support"/);
    expect(help.body).toContain('0120-123-456');
    expect(help.body).toContain('9:00〜18:00');
  });
});

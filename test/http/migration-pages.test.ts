// Every page of the migration (SPEC M1–M8), error and lock states included, in Japanese and English: valid HTML under the
// project's html-validate rules, a title of its own per step, `Error: ` before the title when errors show, no Japanese left in English.
import { describe, expect, it } from 'vitest';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { lastCode, WRONG_CODE } from '../helpers/codes.js';

const htmlValidate = new HtmlValidate(new FileSystemConfigLoader());
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;
const PASSWORD = 'Kawa!Nagare77';

type Page = { name: string; status: number; body: string; error: boolean };

async function collectPages(lang: 'ja' | 'en'): Promise<Page[]> {
  const h = await makeHarness({ CODE_RESEND_SECONDS: '0' });
  await addHolder(h, { account: { email: 'taken@example.jp', password: 'Sakura#2025x' } });
  // holder 1: card email already a My ID, a mobile and a landline → every branch of M2–M6 in one walk
  await addHolder(h, { legacyId: 'pages-01', phones: ['09011112222', '0312345678'], cards: [{ email: 'taken@example.jp' }] });
  // holder 2: keep a free card email, mobile only, locked on the phone code
  await addHolder(h, { legacyId: 'pages-02', phones: ['08022223333'], cards: [{ email: 'free@example.jp' }] });
  const pages: Page[] = [];
  const code = (to: string) => lastCode(h, to);
  const b = browser(h, { 'accept-language': lang });
  const keep = (name: string, r: { status: number; body: string }, error = false) => pages.push({ name, status: r.status, body: r.body, error });
  const get = async (path: string) => keep(`GET ${path}`, await b.get(path));
  const bad = async (name: string, path: string, form: Record<string, string>) => {
    const r = await b.post(path, form);
    expect(r.status, name).toBeGreaterThanOrEqual(400);
    keep(name, r, true);
  };

  await b.get('/login');
  await b.post('/login', { id: 'pages-01', password: 'legacy-pass' });
  await get('/migration/terms');
  await b.post('/migration/terms', {});
  await get('/migration/email-choice');
  await b.post('/migration/email-choice', { choice: 'yes' });
  await get('/migration/new-email'); // with the "card email already a My ID" notice
  await bad('new-email format', '/migration/new-email', { email: 'a@@b' });
  await bad('new-email taken', '/migration/new-email', { email: 'taken@example.jp' });
  await b.post('/migration/new-email', { email: 'pages@example.jp' });
  await get('/migration/email-code');
  await bad('email-code empty', '/migration/email-code', { code: '' });
  await bad('email-code mismatch', '/migration/email-code', { code: WRONG_CODE });
  await b.post('/migration/email-code', { code: (await code('pages@example.jp')) });
  await get('/migration/confirm-email');
  await b.post('/migration/confirm-email', {});
  await get('/migration/phone');
  await bad('phone send no choice', '/migration/phone/send', { channel: 'voice' });
  await b.post('/migration/phone/send', { phone: '1', channel: 'voice' });
  await get('/migration/phone'); // after a voice call to the landline
  await b.post('/migration/phone', { code: (await code('0312345678')) });
  await get('/migration/password');
  await bad('password errors', '/migration/password', { password: 'pages1', confirm: 'x' });
  await b.post('/migration/password', { password: PASSWORD, confirm: PASSWORD });
  await get('/migration/done');

  const c = browser(h, { 'accept-language': lang });
  await c.get('/login');
  await c.post('/login', { id: 'pages-02', password: 'legacy-pass' });
  await c.post('/migration/terms', {});
  await c.post('/migration/email-choice', { choice: 'yes' });
  const wrong = WRONG_CODE;
  for (let i = 1; i < h.config.CODE_MAX_FAILURES; i++) await c.post('/migration/phone', { code: wrong });
  const locked = await c.post('/migration/phone', { code: wrong });
  expect(locked.status).toBe(429);
  keep('phone locked', locked); // a page of its own, not an input error (issue 19 items 3, 10)
  keep('GET phone while locked', await c.get('/migration/phone'));
  return pages;
}

describe.each(['ja', 'en'] as const)('every migration page in %s', (lang) => {
  it('is valid HTML with a title of its own, and complete in its language', async () => {
    const pages = await collectPages(lang);
    expect(pages.length).toBe(17);
    const problems: string[] = [];
    const titles = new Map<string, string>();
    for (const page of pages) {
      if (page.status >= 500 || page.status === 303) problems.push(`${page.name}: status ${page.status}`);
      const report = await htmlValidate.validateString(page.body, 'test/http/page.html');
      for (const r of report.results) for (const m of r.messages) problems.push(`${page.name}: ${m.ruleId} ${m.message}`);
      const title = page.body.match(/<title>([^<]+)<\/title>/)?.[1];
      if (!title) problems.push(`${page.name}: no title`);
      else if (page.error !== title.startsWith(lang === 'ja' ? 'エラー: ' : 'Error: ')) problems.push(`${page.name}: title ${title}`);
      else if (!page.error && page.name.startsWith('GET /migration/')) {
        const step = page.name.split('/')[2];
        if (titles.has(title) && titles.get(title) !== step) problems.push(`${page.name}: title shared with ${titles.get(title)}`);
        titles.set(title, step);
      }
      // card names are the record's Japanese, marked lang="ja" (WCAG 3.1.2)
      const main = (page.body.match(/<main[\s\S]*<\/main>/)?.[0] ?? '').replace(/<span lang="ja">[^<]*<\/span>/g, '');
      if (lang === 'en' && JAPANESE.test(main.replace(/<[^>]+>/g, ' '))) problems.push(`${page.name}: Japanese text in English: ${main.replace(/<[^>]+>/g, ' ').match(new RegExp(`.{0,30}${JAPANESE.source}.{0,30}`))?.[0]}`);
      if (!page.body.includes(`<html lang="${lang}">`)) problems.push(`${page.name}: not in ${lang}`);
    }
    expect(problems).toEqual([]);
  });
});

// Every page of reset, new My ID, settings and terms, in Japanese and English, error states included: valid HTML (the project's
// html-validate rules), a unique title, and in English no Japanese text left in the page's main content (SPEC §0, X6).
import { describe, expect, it } from 'vitest';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { lastCode } from '../helpers/codes.js';

const htmlValidate = new HtmlValidate(new FileSystemConfigLoader());
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;
const PASSWORD = 'Sakura#2025x';
const NEW_PASSWORD = 'Kawa!Nagare77';

type Page = { name: string; status: number; body: string };

async function collectPages(lang: 'ja' | 'en'): Promise<Page[]> {
  const h: Harness = await makeHarness({ TERMS_VERSION: '2025-04' });
  await addHolder(h, {
    birthdate: '1979-11-03',
    phones: ['09033334444', '0312345678'],
    cards: [{ number: '4980123412345678', email: 'member@example.jp' }],
    account: { email: 'member@example.jp', password: PASSWORD, termsVersion: '2024-10' },
  });
  const pages: Page[] = [];
  const code = (to: string) => lastCode(h, to);
  const b = browser(h, { 'accept-language': lang });
  const keep = (name: string, r: { status: number; body: string }) => pages.push({ name, status: r.status, body: r.body });
  const get = async (path: string) => keep(`GET ${path}`, await b.get(path));
  const post = async (name: string, path: string, form: Record<string, string>) => {
    const r = await b.post(path, form);
    if (r.status !== 303) keep(name, r);
    return r;
  };

  // T4 and T2
  await b.post('/login', { id: 'member@example.jp', password: PASSWORD });
  await get('/terms');
  await b.post('/terms', { decision: 'accept' });
  await get('/settings');
  await get('/settings/password');
  await post('password errors', '/settings/password', { current: '', password: 'abc', confirm: 'x' });
  await post('password wrong current', '/settings/password', { current: 'Wrong#pass1', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
  await b.post('/settings/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
  await get('/settings?done=password');
  await get('/settings/my-id');
  await post('my-id errors', '/settings/my-id', { email: 'a@@b' });
  await b.post('/settings/my-id', { email: 'member.new@example.jp' });
  await get('/settings/my-id/email-code');
  await post('my-id code error', '/settings/my-id/email-code', { code: 'x' });
  await b.post('/settings/my-id/email-code', { code: (await code('member.new@example.jp')) });
  await get('/settings/my-id/confirm');
  await post('my-id confirm error', '/settings/my-id/confirm', { current: '' });
  await b.post('/settings/my-id/confirm', { current: NEW_PASSWORD });
  await get('/settings?done=my-id');
  for (let i = 0; i < h.config.LOGIN_MAX_FAILURES; i++) await post(i === 4 ? 'settings locked' : 'wrong current', '/settings/password', { current: `Wrong#${i}pass`, password: NEW_PASSWORD, confirm: NEW_PASSWORD });

  // R1–R3 (a code went to the same address a moment ago: wait out the per-destination spacing)
  h.clock.advance(h.config.CODE_RESEND_SECONDS * 1000);
  await get('/reset');
  await post('reset errors', '/reset', { email: 'nope' });
  await b.post('/reset', { email: 'member.new@example.jp' });
  await get('/reset/email-code');
  await post('reset code error', '/reset/email-code', { code: '' });
  await b.post('/reset/email-code', { code: (await code('member.new@example.jp')) });
  await get('/reset/phone');
  await post('reset phone send error', '/reset/phone/send', { phone: '9', channel: 'sms' });
  await b.post('/reset/phone', { code: (await code('09033334444')) });
  await get('/reset/password');
  await post('reset password errors', '/reset/password', { password: 'a', confirm: '' });
  await b.post('/reset/password', { password: PASSWORD, confirm: PASSWORD });
  await get('/reset/done');

  // G1–G3
  h.clock.advance(h.config.CODE_RESEND_SECONDS * 1000);
  await get('/register');
  await post('register errors', '/register', { card: '12', birthdate: 'x' });
  await post('register refused', '/register', { card: '4980123412345679', birthdate: '1979-11-03' });
  const started = await b.post('/register', { card: '4980 1234 1234 5678', birthdate: '1979-11-03' });
  expect(started.location, started.body.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0]).toBe('/register/phone');
  await get('/register/phone');
  await b.post('/register/phone', { code: (await code('09033334444')) });
  await get('/register/terms');
  await b.post('/register/terms', {});
  await get('/register/email');
  await post('register email taken', '/register/email', { email: 'member.new@example.jp' });
  await b.post('/register/email', { email: 'member.g@example.jp' });
  await get('/register/email-code');
  await b.post('/register/email-code', { code: (await code('member.g@example.jp')) });
  await get('/register/password');
  await post('register password errors', '/register/password', { password: 'member1!', confirm: 'member1!' });
  await b.post('/register/password', { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
  await get('/register/done');
  return pages;
}

it('the HTML check itself catches a broken page', async () => {
  const report = await htmlValidate.validateString('<!DOCTYPE html><html lang="ja"><head><title>x</title></head><body><label>x</label><input id="a"></body></html>', 'test/http/page.html');
  expect(report.valid).toBe(false);
});

describe.each(['ja', 'en'] as const)('every page in %s', (lang) => {
  it('is valid HTML with a title, and complete in its language', async () => {
    const pages = await collectPages(lang);
    expect(pages.length).toBeGreaterThan(35);
    const problems: string[] = [];
    for (const page of pages) {
      if (page.status >= 500 || page.status === 303) problems.push(`${page.name}: status ${page.status}`);
      const report = await htmlValidate.validateString(page.body, 'test/http/page.html');
      for (const r of report.results) for (const m of r.messages) problems.push(`${page.name}: ${m.ruleId} ${m.message}`);
      if (!/<title>[^<]+<\/title>/.test(page.body)) problems.push(`${page.name}: no title`);
      // card names are the record's Japanese, marked lang="ja" (WCAG 3.1.2)
      const main = (page.body.match(/<main[\s\S]*<\/main>/)?.[0] ?? '').replace(/<span lang="ja">[^<]*<\/span>/g, '');
      if (lang === 'en' && JAPANESE.test(main.replace(/<[^>]+>/g, ' '))) problems.push(`${page.name}: Japanese text in English: ${main.replace(/<[^>]+>/g, ' ').match(new RegExp(`.{0,30}${JAPANESE.source}.{0,30}`))?.[0]}`);
      if (!page.body.includes(`<html lang="${lang}">`)) problems.push(`${page.name}: not in ${lang}`);
    }
    expect(problems).toEqual([]);
  });
});

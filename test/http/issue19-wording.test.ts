// Issue 19 item 14 (part): headings say what the page is, not a link's text; completion headings follow one pattern;
// English avoids "half-width" and says "(Japan time)".
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/index.js';
import { browser, makeHarness } from '../helpers/app.js';

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
    for (const key of ['migration.doneHeading', 'registration.doneHeading', 'reset.doneHeading']) {
      expect(catalogues.ja[key], key).toMatch(/完了$/);
      expect(catalogues.en[key], key).toMatch(/ complete$/);
    }
    // and the guide's sentence is said on both registration done pages (M8)
    expect(catalogues.ja['migration.doneBody']).toContain('の利用登録が正常に完了しました。');
    expect(catalogues.ja['registration.doneBody']).toContain('の利用登録が正常に完了しました。');
  });

  it('no English message says "half-width", and every English time names the time zone', () => {
    for (const [key, text] of Object.entries(catalogues.en)) {
      expect(text, key).not.toMatch(/half-width/i);
      if (/\{time\}/.test(text)) expect(text, key).toMatch(/\{time\} \(Japan time\)|\{time\}（日本時間）/);
    }
  });
});

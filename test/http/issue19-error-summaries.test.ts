// Issue 19 item 10: a lock or a wait is not an input mistake — its summary is not headed 「入力内容を確認してください」,
// and no field is marked invalid for it; a real input mistake keeps that heading and its field link.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness } from '../helpers/app.js';

const summaryTitle = (html: string) => html.match(/<h2 id="error-summary-title"[^>]*>([\s\S]*?)<\/h2>/)?.[1];

describe('issue 19 item 10: error summaries', () => {
  it('the 429 sign-in page is headed as a wait, with no field marked invalid', async () => {
    const h = await makeHarness({ IP_MAX_FAILURES: '3' });
    const b = browser(h);
    for (let i = 0; i < 3; i++) await b.post('/login', { id: `u${i}@example.jp`, password: 'wrong-pass' });
    const res = await b.post('/login', { id: 'u9@example.jp', password: 'wrong-pass' });
    expect(res.status).toBe(429);
    expect(summaryTitle(res.body)).toBe('現在ログインできません');
    expect(res.body).not.toContain('aria-invalid="true"');
    expect(res.body).toMatch(/<title>エラー: /);
    const en = await b.post('/login?lang=en', { id: 'u9@example.jp', password: 'wrong-pass' });
    expect(summaryTitle(en.body)).toBe('You cannot sign in at the moment');
  });

  it('a locked ID is headed as a lock, with no field marked invalid — alike for a known and an unknown ID', async () => {
    const h = await makeHarness();
    const b = browser(h);
    let body = '';
    for (let i = 0; i < 6; i++) body = (await b.post('/login', { id: 'nobody@example.jp', password: `wrong-${i}` })).body;
    expect(body).toContain('IDが無効となっています');
    expect(summaryTitle(body)).toBe('現在ログインできません');
    expect(body).not.toContain('aria-invalid="true"');
  });

  it('a wrong password is still an input mistake: the usual heading, and the ID field linked and marked', async () => {
    const h = await makeHarness();
    const res = await browser(h).post('/login', { id: 'nobody@example.jp', password: 'wrong-pass' });
    expect(res.status).toBe(422);
    expect(summaryTitle(res.body)).toBe('入力内容を確認してください');
    expect(res.body).toContain('href="#id"');
    expect(res.body).toMatch(/id="id"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="id"/);
  });
});

// SPEC M9: two members racing to complete with one email — exactly one account, the other sees M3's message, nothing else changes.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { GOOD_PASSWORD, startMigration, type Browser } from '../helpers/walk.js';
import { lastCode } from '../helpers/codes.js';

async function toPassword(h: Awaited<ReturnType<typeof makeHarness>>, id: string, phone: string, email: string): Promise<Browser> {
  const { b } = await startMigration(h, id, 'legacy-pass');
  await b.post('/migration/email-choice', { choice: 'no' });
  await b.post('/migration/new-email', { email });
  await b.post('/migration/email-code', { code: (await lastCode(h, email)) });
  await b.post('/migration/confirm-email', {});
  await b.post('/migration/phone', { code: (await lastCode(h, phone)) });
  expect((await b.get('/migration/password')).status).toBe(200);
  return b;
}

describe('M9 one email, two migrations', () => {
  it.each([2, 6])('%i flows completing at once: one winner, the others told the address cannot be used', async (n) => {
    // every member types the same address, so its per-destination send cap is lifted for the test
    const h = await makeHarness({ CODE_RESEND_SECONDS: '0', CODE_MAX_SENDS_PER_HOUR: '100' });
    const browsers: Browser[] = [];
    for (let i = 0; i < n; i++) {
      const phone = `0901000${String(i).padStart(4, '0')}`;
      await addHolder(h, { legacyId: `racer-${i}`, phones: [phone], cards: [{ email: `racer${i}@example.jp` }] });
      // the same address typed by every member, each verified by its own code
      browsers.push(await toPassword(h, `racer-${i}`, phone, 'contested@example.jp'));
    }
    const before = { cards: (await h.inspect.rows('card')), credentials: (await h.inspect.rows('credential')) };
    const results = await Promise.all(browsers.map((b) => b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })));
    const winners = results.filter((r) => r.location === '/migration/done');
    const losers = results.filter((r) => r.status === 409);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(n - 1);
    for (const l of losers) expect(l.body).toContain('ご入力いただいたメールアドレスはご利用いただけません。');

    const accounts = (await h.inspect.rows('account'));
    expect(accounts).toHaveLength(1);
    expect((await h.inspect.rows('account_card'))).toHaveLength(1);
    // only the winner's card and ID changed
    const changedCards = (await h.inspect.rows('card')).filter((c, i) => c.email !== before.cards[i].email);
    expect(changedCards).toHaveLength(1);
    const retired = (await h.inspect.rows('credential')).filter((c) => c.retiredAt !== null);
    expect(retired).toHaveLength(1);
    // a loser is back at M3 and can finish with another address
    const loser = browsers[results.findIndex((r) => r.status === 409)];
    expect((await loser.post('/migration/new-email', { email: 'second-choice@example.jp' })).location).toBe('/migration/email-code');
  });
});

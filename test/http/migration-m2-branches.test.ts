// SPEC M2: the branches of the email choice over HTTP — a card email already a My ID, a card without email, several cards, an initial ID.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { GOOD_PASSWORD, startMigration } from '../helpers/walk.js';
import { lastCode } from '../helpers/codes.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});

describe('branches of M2', () => {
  it('はい on a card email that is already a My ID → M3 with the guide message', async () => {
    await addHolder(h, { account: { email: 'shared@example.jp', password: 'Other#2025x' } });
    await addHolder(h, { legacyId: 'kid-03', cards: [{ email: 'shared@example.jp' }] });
    const { b } = await startMigration(h, 'kid-03', 'legacy-pass');
    expect((await b.post('/migration/email-choice', { choice: 'yes' })).location).toBe('/migration/new-email');
    const page = await b.get('/migration/new-email');
    expect(page.body).toContain('クレジットカードに登録されているメールアドレスは既にMy IDとして登録されています。');
    expect((await h.outbox())).toHaveLength(0);
  });

  it('a card with no registered email goes from the terms straight to M3', async () => {
    await addHolder(h, { legacyId: 'noemail-04', cards: [{ email: null }] });
    const { location } = await startMigration(h, 'noemail-04', 'legacy-pass');
    expect(location).toBe('/migration/new-email');
  });

  it('a multi-card holder: cards with the same email are linked, the other is not', async () => {
    const { cards } = await addHolder(h, {
      legacyId: 'multi-05',
      cards: [{ email: 'ken@example.jp' }, { email: 'ken@example.jp' }, { email: 'work@example.com' }],
    });
    const { b } = await startMigration(h, 'multi-05', 'legacy-pass');
    await b.post('/migration/email-choice', { choice: 'yes' });
    await b.post('/migration/phone', { code: (await lastCode(h, '09012345678')) });
    await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD });
    const linked = (await h.inspect.rows('account_card')).map((l) => l.cardId).sort();
    expect(linked).toEqual([cards[0].id, cards[1].id]);
  });

  it('an initial ID migrates the same way and is used up', async () => {
    const { initial } = await addHolder(h, { initialId: 'init-06', initialPassword: 'first-pass', cards: [{ email: 'first@example.jp' }] });
    const { b } = await startMigration(h, 'init-06', 'first-pass');
    await b.post('/migration/email-choice', { choice: 'yes' });
    await b.post('/migration/phone', { code: (await lastCode(h, '09012345678')) });
    expect((await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/migration/done');
    expect((await h.inspect.rows('credential')).find((rec) => rec.id === initial!.id)!.retiredAt).not.toBeNull();
    expect((await browser(h).post('/login', { id: 'init-06', password: 'first-pass' })).status).toBe(422);
  });
});

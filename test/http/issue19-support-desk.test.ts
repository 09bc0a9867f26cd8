// Issue 19 item 16 (rest): the G1 card-lock page and the settings current-password lock page name the support desk from
// SUPPORT_PHONE / SUPPORT_HOURS, in both languages; a locked unknown card number gets the same page as a known one.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

const DESK_JA = 'ご不明な点は、サポートデスク（0120-111-222、受付時間 8:30〜18:00）までお電話ください。';
const DESK_EN = 'If you need help, call our support desk on 0120-111-222 (8:30〜18:00, Japan time).';
const desk = (lang: 'ja' | 'en') => (lang === 'ja' ? DESK_JA : DESK_EN);
const harness = () => makeHarness({ SUPPORT_PHONE: '0120-111-222', SUPPORT_HOURS: '8:30〜18:00' });

/** The answer to the wrong birth date that locks the card number (the 5th), and the next try. */
async function lockCard(h: Harness, card: string, lang: 'ja' | 'en') {
  const b = browser(h);
  await b.get(`/register?lang=${lang}`);
  let last = '';
  for (let i = 0; i < 5; i++) last = (await b.post('/register', { card, birthdate: '1999-09-09' })).body;
  return { locking: last, after: (await b.post('/register', { card, birthdate: '1980-04-01' })).body };
}

describe('issue 19 item 16: lock pages name the support desk', () => {
  for (const lang of ['ja', 'en'] as const) {
    it(`the G1 card-number lock, known and unknown numbers alike (${lang})`, async () => {
      const h = await harness();
      await addHolder(h, { cards: [{ number: '4980000000033333', email: 'desk@example.jp' }] });
      const known = await lockCard(h, '4980000000033333', lang);
      const unknown = await lockCard(h, '4980000000044444', lang);
      for (const page of [known.locking, known.after, unknown.locking, unknown.after]) expect(page).toContain(desk(lang));
      // a wrong birth date that does not lock says nothing of the desk
      const b = browser(h);
      await b.get(`/register?lang=${lang}`);
      expect((await b.post('/register', { card: '4980000000055555', birthdate: '1999-09-09' })).body).not.toContain(desk(lang));
    });

    it(`the settings current-password lock (${lang})`, async () => {
      const h = await harness();
      await addHolder(h, { cards: [{ email: 'desk.member@example.jp' }], account: { email: 'desk.member@example.jp', password: 'Sakura#2025x' } });
      const b = browser(h);
      await b.get(`/login?lang=${lang}`);
      await b.post('/login', { id: 'desk.member@example.jp', password: 'Sakura#2025x' });
      let last = { status: 0, body: '' };
      for (let i = 0; i < h.config.LOGIN_MAX_FAILURES; i++) last = await b.post('/settings/password', { current: 'Wrong#2025x', password: 'Kumo#River82', confirm: 'Kumo#River82' });
      expect(last.status).toBe(422);
      expect(last.body).toContain(desk(lang));
    });
  }
});

// SPEC G1: a new My ID starts from the card number and birth date — one generic error, counted per card number and per address (L7).
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { addMainHolder, BIRTH, CARD, identify, OLD_MY_ID, OTHER_CARD } from '../helpers/registration.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ TERMS_VERSION: '2025-04' });
  await addMainHolder(h);
  await addHolder(h, { account: { email: 'someone@example.jp', password: 'Sakura#2025x' } });
});

describe('G1 card number and birth date', () => {
  // issue 19 item 6: cc-number (WCAG 1.3.5) and three labelled date fields in a fieldset, as GOV.UK asks for a date of birth
  it('has the card field (cc-number, numeric keyboard) and three labelled date fields with a hint', async () => {
    const page = await browser(h).get('/register');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<input[^>]*id="card"[^>]*autocomplete="cc-number"[^>]*inputmode="numeric"/);
    expect(page.body).toMatch(/<fieldset aria-describedby="birthdate-hint"><legend class="label">生年月日/);
    expect(page.body).toMatch(/<input[^>]*id="birthdate-year"[^>]*inputmode="numeric"[^>]*autocomplete="bday-year"/);
    expect(page.body).toMatch(/<input[^>]*id="birthdate-month"[^>]*inputmode="numeric"[^>]*autocomplete="bday-month"/);
    expect(page.body).toMatch(/<input[^>]*id="birthdate-day"[^>]*inputmode="numeric"[^>]*autocomplete="bday-day"/);
    expect(page.body).not.toContain('type="date"');
    expect(page.body).toContain('次へ</button>');
  });

  it('refuses empty and malformed entries with 400, keeping them', async () => {
    const b = browser(h);
    await b.get('/register');
    const empty = await b.post('/register', { card: '', birthdate: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('カード番号を入力してください。');
    expect(empty.body).toContain('生年月日を入力してください。');
    const bad = await b.post('/register', { card: '4980-12', birthdate: '1979-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('カード番号は12〜19桁の数字で入力してください。');
    expect(bad.body).toContain('生年月日は「1985-04-12」のように');
    expect(bad.body).toContain('value="4980-12"');
  });

  it('gives one generic error for a wrong birth date and an unknown card, and locks each card number after the same count', async () => {
    const b = browser(h);
    const wrongBirth = await identify(b, CARD, '1980-01-01');
    const unknownCard = await identify(b, '4000000000000002', BIRTH);
    expect(wrongBirth.status).toBe(422);
    expect(unknownCard.status).toBe(422);
    const message = (html: string) => html.match(/<div class="error-summary"[\s\S]*?<\/div>/)![0];
    expect(message(wrongBirth.body)).toBe(message(unknownCard.body));
    expect(wrongBirth.body).toContain('入力されたカード番号と生年月日ではお手続きできません。');

    for (let i = 1; i < h.config.LOGIN_MAX_FAILURES; i++) {
      await identify(b, CARD, '1980-01-01');
      await identify(b, '4000000000000002', BIRTH);
    }
    const locked = await identify(b, CARD, BIRTH);
    const lockedUnknown = await identify(b, '4000000000000002', BIRTH);
    expect(locked.status).toBe(422);
    expect(locked.body).toContain('入力されたカード番号は、一定回数以上誤って入力されたためお手続きできません。');
    expect(message(locked.body)).toBe(message(lockedUnknown.body));
    expect((await h.inspect.rows('flow'))).toHaveLength(0);
    // SPEC S11: the known card's holder is told of the lock; the unknown card has nobody to tell, and no code went anywhere
    expect((await h.outbox()).map((m) => [m.to, m.subject, m.code])).toEqual([[OLD_MY_ID, '【My Card】カード番号ロックのお知らせ', undefined]]);
    // the other card of the same holder is counted on its own
    expect((await identify(b, OTHER_CARD, BIRTH)).location).toBe('/register/phone');
  });

  it('refuses skipped steps', async () => {
    const b = browser(h);
    await identify(b);
    expect((await b.get('/register/password')).location).toBe('/register/phone');
    expect((await b.post('/register/terms', {})).location).toBe('/register/phone');
    expect((await browser(h).get('/register/terms')).location).toBe('/login?flow=expired');
  });
});

describe('G1 and the address throttle (L7)', () => {
  it('answers 429 once one address has failed IP_MAX_FAILURES times, trying card after card', async () => {
    const t = await makeHarness({ IP_MAX_FAILURES: '3' });
    const b = browser(t);
    for (let i = 0; i < 3; i++) expect((await identify(b, `400000000000000${i}`, BIRTH)).status).toBe(422);
    const throttled = await identify(b, '4000000000000009', BIRTH);
    expect(throttled.status).toBe(429);
    expect(throttled.body).toContain('しばらく時間をおいて再度お試しください。');
  });
});

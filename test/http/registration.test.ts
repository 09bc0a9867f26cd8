// SPEC G1–G3: a new My ID from card details over HTTP — identification counted per card number, phone code, terms, email, code, password, and the move of the cards.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { codesTo, lastCode } from '../helpers/codes.js';

const CARD = '4980123412345678';
const OTHER_CARD = '4980123499990000';
const BIRTH = '1979-11-03';
const OLD_MY_ID = 'old-id@example.jp';
const NEW_MY_ID = 'fresh@example.jp';
const PASSWORD = 'Kawa!Nagare77';

let h: Harness;
let holder: Awaited<ReturnType<typeof addHolder>>;
const addMainHolder = (target: Harness) =>
  addHolder(target, {
    birthdate: BIRTH,
    phones: ['09033334444'],
    cards: [{ number: CARD, email: OLD_MY_ID }, { number: OTHER_CARD, email: OLD_MY_ID }],
    legacyId: 'oldnet01',
    legacyPassword: 'legacy-pass1',
    account: { email: OLD_MY_ID, password: 'Sakura#2025x', termsVersion: '2024-10' },
  });
beforeEach(async () => {
  h = await makeHarness({ TERMS_VERSION: '2025-04' });
  holder = await addMainHolder(h);
  await addHolder(h, { account: { email: 'someone@example.jp', password: 'Sakura#2025x' } });
});

type Browser = ReturnType<typeof browser>;

async function identify(b: Browser, card = '4980 1234-1234 5678', birthdate = BIRTH) {
  await b.get('/register');
  return b.post('/register', { card, birthdate });
}

async function walkToEmail(b: Browser) {
  const res = await identify(b);
  expect(res.status).toBe(303);
  expect(res.location).toBe('/register/phone');
  const sms = (await codesTo(h, '09033334444'))[0];
  expect(sms.channel).toBe('sms');
  expect((await b.post('/register/phone', { code: sms.code! })).location).toBe('/register/terms');
  const terms = await b.get('/register/terms');
  expect(terms.body).toContain('同意して進む');
  expect(terms.body).toContain('ステップ 3/7');
  expect((await b.post('/register/terms', {})).location).toBe('/register/email');
}

async function walkToPassword(b: Browser, email = NEW_MY_ID) {
  await walkToEmail(b);
  expect((await b.post('/register/email', { email })).location).toBe('/register/email-code');
  expect((await b.post('/register/email-code', { code: (await lastCode(h, email)) })).location).toBe('/register/password');
}

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

describe('G2/G3 the whole flow', () => {
  it('creates the My ID, closes the old account, moves both cards, retires the legacy ID and sends both notices', async () => {
    const oldBrowser = browser(h);
    expect((await oldBrowser.post('/login', { id: OLD_MY_ID, password: 'Sakura#2025x' })).status).toBe(303);

    const b = browser(h);
    await walkToEmail(b);
    const email = await b.get('/register/email');
    expect(email.body).toMatch(/<input[^>]*id="email"[^>]*type="email"[^>]*autocomplete="email"/);
    expect(email.body).toContain('ログインへ戻る');

    const malformed = await b.post('/register/email', { email: 'a@@example.jp' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toContain('メールアドレスの入力に誤りがあります。「@」は1つだけ入力してください。');
    const noDot = await b.post('/register/email', { email: 'taro@example' });
    expect(noDot.body).toContain('ドメイン）に「.」がありません。');
    for (const taken of ['someone@example.jp', OLD_MY_ID.toUpperCase()]) {
      const res = await b.post('/register/email', { email: taken });
      expect(res.status).toBe(409);
      expect(res.body).toContain('ご入力いただいたメールアドレスはご利用いただけません。');
    }

    expect((await b.post('/register/email', { email: ' Ｆｒｅｓｈ@example.jp ' })).location).toBe('/register/email-code');
    const codePage = await b.get('/register/email-code');
    expect(codePage.body).toContain('fresh@example.jp あてに4桁の認証コードをお送りしました。') // as typed (issue 19 item 4);
    expect((await b.post('/register/email-code', { code: (await lastCode(h, NEW_MY_ID)) })).location).toBe('/register/password');
    const weak = await b.post('/register/password', { password: 'Fresh#2025a', confirm: 'Fresh#2025a' });
    expect(weak.status).toBe(400);
    expect(weak.body).toContain('パスワードにMy ID（メールアドレス）の「@」より前の部分を含めることはできません。');
    const done = await b.post('/register/password', { password: PASSWORD, confirm: PASSWORD });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/register/done');
    expect(done.res.headers.getSetCookie().some((c) => c.startsWith('sid='))).toBe(false);

    const accounts = (await h.inspect.rows('account')).filter((rec) => rec.holderId === holder.holder.id);
    const old = accounts.find((a) => a.email === OLD_MY_ID)!;
    const fresh = accounts.find((a) => a.email === NEW_MY_ID)!;
    expect(old.closedAt).not.toBeNull();
    expect(fresh.closedAt).toBeNull();
    expect(fresh.termsVersion).toBe('2025-04');
    const links = (await h.inspect.rows('account_card')).filter((l) => holder.cards.some((c) => c.id === l.cardId));
    expect(links.map((l) => l.accountId)).toEqual([fresh.id, fresh.id]);
    expect((await h.inspect.rows('card')).filter((rec) => rec.holderId === holder.holder.id).map((c) => c.email)).toEqual([NEW_MY_ID, NEW_MY_ID]);
    expect((await h.inspect.rows('credential')).find((rec) => rec.loginId === 'oldnet01')!.retiredAt).not.toBeNull();
    expect((await h.inspect.rows('session')).filter((rec) => rec.accountId === old.id)).toHaveLength(0);
    const events = (await h.inspect.rows('audit_log')).map((a) => a.event);
    expect(events).toContain('account_closed');
    expect(events).toContain('registration_completed');

    const created = (await h.outbox()).find((m) => m.to === NEW_MY_ID && !m.code)!;
    expect(created.subject).toBe('【My Card】My ID登録完了のお知らせ');
    const closed = (await h.outbox()).find((m) => m.to === OLD_MY_ID)!;
    expect(closed.subject).toBe('【My Card】My ID廃止のお知らせ');

    const page = await b.get('/register/done');
    expect(page.body).toContain('My Cardの利用登録が正常に完了しました。');
    expect(page.body).toContain('<a class="button" href="/login">'); // issue 19: no address in the URL

    // the closed account and the legacy ID cannot sign in; the old browser is signed out; the new My ID works
    expect((await oldBrowser.get('/top')).status).toBe(303);
    expect((await browser(h).post('/login', { id: OLD_MY_ID, password: 'Sakura#2025x' })).status).toBe(422);
    expect((await browser(h).post('/login', { id: 'oldnet01', password: 'legacy-pass1' })).status).toBe(422);
    const nb = browser(h);
    expect((await nb.post('/login', { id: NEW_MY_ID, password: PASSWORD })).location).toBe('/top');
    const top = await nb.get('/top');
    expect(top.status).toBe(200);
    expect(top.body).toContain('下4桁 5678');
    expect(top.body).toContain('下4桁 0000');
  });

  it('ends the lock on the holder\'s old My ID (SPEC L5: a new My ID ends a lock)', async () => {
    for (let i = 0; i < h.config.LOGIN_MAX_FAILURES; i++) await browser(h).post('/login', { id: OLD_MY_ID, password: 'Wrong#pass1' });
    expect((await browser(h).post('/login', { id: OLD_MY_ID, password: 'Sakura#2025x' })).body).toContain('IDが無効となっています');
    const b = browser(h);
    await walkToPassword(b);
    expect((await b.post('/register/password', { password: PASSWORD, confirm: PASSWORD })).location).toBe('/register/done');
    expect((await browser(h).post('/login', { id: NEW_MY_ID, password: PASSWORD })).location).toBe('/top');
    expect((await h.inspect.rows('sign_in_attempt')).filter((r) => r.lockedAt !== null)).toHaveLength(0);
  });

  it('lets exactly one of two flows racing for the same address complete (M9)', async () => {
    const other = await addHolder(h, { birthdate: '1990-01-02', phones: ['08055556666'], cards: [{ number: '4980555566667777' }] });
    const a = browser(h);
    await walkToPassword(a);
    const b = browser(h);
    await b.get('/register');
    expect((await b.post('/register', { card: '4980555566667777', birthdate: '1990-01-02' })).location).toBe('/register/phone');
    expect((await b.post('/register/phone', { code: (await lastCode(h, '08055556666')) })).location).toBe('/register/terms');
    await b.post('/register/terms', {});
    h.clock.advance(h.config.CODE_RESEND_SECONDS * 1000);
    expect((await b.post('/register/email', { email: NEW_MY_ID })).location).toBe('/register/email-code');
    expect((await b.post('/register/email-code', { code: (await lastCode(h, NEW_MY_ID)) })).location).toBe('/register/password');

    expect((await a.post('/register/password', { password: PASSWORD, confirm: PASSWORD })).location).toBe('/register/done');
    const lost = await b.post('/register/password', { password: 'Umi#Kaze2025', confirm: 'Umi#Kaze2025' });
    expect(lost.status).toBe(409);
    expect(lost.body).toContain('ご入力いただいたメールアドレスはご利用いただけません。');
    expect((await h.inspect.rows('account')).filter((rec) => rec.holderId === other.holder.id)).toHaveLength(0);
    expect((await b.get('/register/password')).location).toBe('/register/email');
  });

  it('cancels from the terms back to sign-in', async () => {
    const b = browser(h);
    await identify(b);
    await b.post('/register/phone', { code: (await lastCode(h, '09033334444')) });
    const res = await b.post('/register/cancel', {});
    expect(res.location).toBe('/login?flow=cancelled');
    expect((await b.get('/register/terms')).location).toBe('/login?flow=expired');
    expect((await h.inspect.rows('account')).find((rec) => rec.email === OLD_MY_ID)!.closedAt).toBeNull();
  });
});

describe('G2 phone step when the SMS on arrival is refused', () => {
  it('says when a code can be sent (the per-number hourly cap holds across flows), and offers the send buttons', async () => {
    // SPEC S5: spacing is per flow, the hourly cap per number and requester — here a reset of the holder's My ID, from
    // this same client, already had the one text an hour it allows sent to the mobile
    h = await makeHarness({ TERMS_VERSION: '2025-04', CODE_MAX_SENDS_PER_HOUR: '1', FLOW_TTL_SECONDS: '7200' });
    await addMainHolder(h);
    const r = browser(h);
    await r.get('/reset');
    await r.post('/reset', { email: OLD_MY_ID });
    expect((await r.post('/reset/email-code', { code: (await lastCode(h, OLD_MY_ID)) })).location).toBe('/reset/phone');
    const texts = async () => (await h.outbox()).filter((m) => m.channel === 'sms').length;
    expect((await texts())).toBe(1);

    const b = browser(h);
    expect((await identify(b)).location).toBe('/register/phone');
    expect((await texts())).toBe(1);
    const page = await b.get('/register/phone');
    expect(page.body).not.toContain('id="code"');
    expect(page.body).toMatch(/認証コードの再送信は\d\d:\d\d以降に可能です。/);
    expect(page.body).toContain('SMSで認証コードを送信');
    expect((await b.post('/register/phone/send', { phone: '0', channel: 'sms' })).status).toBe(429);

    h.clock.advance(3600 * 1000);
    expect((await b.post('/register/phone/send', { phone: '0', channel: 'sms' })).location).toBe('/register/phone');
    expect((await texts())).toBe(2);
    expect((await b.get('/register/phone')).body).toContain('id="code"');
    expect((await b.post('/register/phone', { code: (await lastCode(h, '09033334444')) })).location).toBe('/register/terms');
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

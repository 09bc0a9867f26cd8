// SPEC M1–M8 over HTTP: every step and branch of the move from a legacy or initial ID to a My ID, reading codes from the outbox and checking the database.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';

const PASSWORD = 'Kawa!Nagare77';
const CARD_EMAIL = 'taro.card@example.jp';
const TAKEN = 'taken@example.jp';

let h: Harness;
type Holder = Awaited<ReturnType<typeof addHolder>>;
type Browser = ReturnType<typeof browser>;
let mobileHolder: Holder; // legacy ID, card email, mobile only, three cards (two with the card email)
let landlineHolder: Holder; // initial ID, card without email, two landlines
let bothHolder: Holder; // legacy ID, card email already a My ID, a landline and a mobile

beforeEach(async () => {
  h = await makeHarness({ TERMS_VERSION: '2025-04' });
  await addHolder(h, { account: { email: TAKEN, password: 'Sakura#2025x' } });
  mobileHolder = await addHolder(h, {
    phones: ['09011112222'],
    cards: [{ email: CARD_EMAIL }, { email: CARD_EMAIL }, { email: 'other.card@example.jp' }],
    legacyId: 'oldnet01',
    legacyPassword: 'legacy-pass1',
  });
  landlineHolder = await addHolder(h, {
    phones: ['0312345678', '0612345678'.replace(/^06/, '04')],
    cards: [{ email: null }],
    initialId: 'init0001',
    initialPassword: 'initial-pass1',
  });
  bothHolder = await addHolder(h, {
    phones: ['0451234567', '08055556666'],
    cards: [{ email: TAKEN }],
    legacyId: 'oldnet03',
    legacyPassword: 'legacy-pass3',
  });
});

const codesTo = async (to: string) => (await h.outbox()).filter((m) => m.to === to && m.code);
const latestCode = async (to: string) => (await codesTo(to))[0]?.code ?? '';

async function signIn(b: Browser, id: string, password: string) {
  await b.get('/login');
  return b.post('/login', { id, password });
}

async function startMobile(b: Browser) {
  const res = await signIn(b, 'oldnet01', 'legacy-pass1');
  expect(res.status).toBe(303);
  expect(res.location).toBe('/migration/terms');
}

async function walkKeepEmailToPassword(b: Browser) {
  await startMobile(b);
  expect((await b.post('/migration/terms', {})).location).toBe('/migration/email-choice');
  expect((await b.post('/migration/email-choice', { choice: 'yes' })).location).toBe('/migration/phone');
  expect((await b.post('/migration/phone', { code: (await latestCode('09011112222')) })).location).toBe('/migration/password');
}

async function walkNewEmailToConfirm(b: Browser, email: string) {
  await startMobile(b);
  await b.post('/migration/terms', {});
  expect((await b.post('/migration/email-choice', { choice: 'no' })).location).toBe('/migration/new-email');
  expect((await b.post('/migration/new-email', { email })).location).toBe('/migration/email-code');
  expect((await b.post('/migration/email-code', { code: (await latestCode(email.toLowerCase())) })).location).toBe('/migration/confirm-email');
}

async function snapshot() {
  return {
    accounts: (await h.inspect.rows('account')),
    links: (await h.inspect.rows('account_card')),
    cards: (await h.inspect.rows('card')),
    credentials: (await h.inspect.rows('credential')),
  };
}

describe('M1 terms', () => {
  it('shows the terms in a focusable scrollable region with step 1/8, the cancel note and both buttons', async () => {
    const b = browser(h);
    await startMobile(b);
    const page = await b.get('/migration/terms');
    expect(page.status).toBe(200);
    expect(page.res.headers.get('cache-control')).toContain('no-store');
    expect(page.body).toContain('ステップ 1/8');
    expect(page.body).toMatch(/<section class="terms" tabindex="0" aria-labelledby="terms-text-heading">/);
    expect(page.body).toContain('ログイン画面から再度お手続きが必要です');
    expect(page.body).toContain('同意して進む</button>');
    expect(page.body).toContain('キャンセル</button>');
    expect(page.body).toMatch(/<title>My IDへの移行：会員規約/);
  });

  it('cancel ends the flow, returns to sign-in with a message, and leaves the database as it was', async () => {
    const b = browser(h);
    await startMobile(b);
    const before = await snapshot();
    const res = await b.post('/migration/cancel', {});
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login?flow=cancelled');
    expect((await b.get(res.location!)).body).toContain('お手続きを中止しました');
    expect((await h.inspect.rows('flow')).every((f) => f.endedAt !== null)).toBe(true);
    expect((await b.get('/migration/terms')).location).toBe('/login?flow=expired');
    expect(await snapshot()).toEqual(before);
  });

  it('records the accepted terms version on the account (SPEC T4)', async () => {
    const b = browser(h);
    await walkKeepEmailToPassword(b);
    await b.post('/migration/password', { password: PASSWORD, confirm: PASSWORD });
    expect((await h.inspect.rows('account')).find((rec) => rec.email === CARD_EMAIL)?.termsVersion).toBe('2025-04');
  });
});

describe('M2 keep the card email, SMS, M7, M8 (whole journey)', () => {
  it('walks to the done page, writes everything at once, and the new My ID signs in while the legacy ID no longer does', async () => {
    const b = browser(h);
    await startMobile(b);
    await b.post('/migration/terms', {});
    const choice = await b.get('/migration/email-choice');
    expect(choice.body).toContain('ステップ 2/8');
    expect(choice.body).toContain('t*********@e******.jp'.slice(0, 2));
    expect(choice.body).not.toContain(CARD_EMAIL);
    expect(choice.body).toContain('同一のメールアドレスを登録されている方は');
    expect(choice.body).toContain('クレジットカードに登録されているメールアドレスも変更となります');
    expect(choice.body).toMatch(/name="choice" value="no"[^>]*>\s*いいえ/);
    expect(choice.body).toMatch(/name="choice" value="yes"[^>]*>\s*はい/);

    // はい on a free address: no email code, the SMS goes out on arrival at the phone step
    const kept = await b.post('/migration/email-choice', { choice: 'yes' });
    expect(kept.location).toBe('/migration/phone');
    expect((await codesTo(CARD_EMAIL))).toHaveLength(0);
    const sms = (await codesTo('09011112222'));
    expect(sms).toHaveLength(1);
    expect(sms[0].channel).toBe('sms');
    expect(sms[0].text).toContain(sms[0].code!);

    const phone = await b.get('/migration/phone');
    expect(phone.body).toContain('ステップ 6/8');
    expect(phone.body).toContain('***-****-2222');
    expect(phone.body).not.toContain('09011112222');
    expect(phone.body).toMatch(/<input[^>]*autocomplete="one-time-code"/);
    expect(phone.body).toContain('音声電話で認証コードを送信');
    expect(phone.body).toContain('認証コードを再送信する');
    expect(phone.body).toMatch(/\d{2}:\d{2}まで有効/);

    expect((await b.post('/migration/phone', { code: sms[0].code! })).location).toBe('/migration/password');
    const pw = await b.get('/migration/password');
    expect(pw.body).toContain('ステップ 7/8');
    expect(pw.body).toContain('パスワードの条件');
    expect(pw.body).toMatch(/<input[^>]*autocomplete="new-password"/);

    const done = await b.post('/migration/password', { password: PASSWORD, confirm: PASSWORD });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/migration/done');
    const page = await b.get('/migration/done');
    expect(page.status).toBe(200);
    expect(page.body).toContain('My Cardの利用登録が正常に完了しました。');
    expect(page.body).toContain('<a class="button" href="/login">'); // issue 19: no address in the URL
    expect(page.body).toContain('My Cardにログインする');

    // SPEC M8: the account, the two cards with this email linked (not the third), the legacy ID retired, the email kept
    const account = (await h.inspect.rows('account')).find((rec) => rec.email === CARD_EMAIL)!;
    expect(account.holderId).toBe(mobileHolder.holder.id);
    const linked = (await h.inspect.rows('account_card')).filter((rec) => rec.accountId === account.id).map((l) => l.cardId).sort();
    expect(linked).toEqual([mobileHolder.cards[0].id, mobileHolder.cards[1].id]);
    expect((await h.inspect.rows('card')).find((rec) => rec.id === mobileHolder.cards[2].id)?.email).toBe('other.card@example.jp');
    expect((await h.inspect.rows('credential')).find((rec) => rec.id === mobileHolder.legacy!.id)?.retiredAt).not.toBeNull();
    const audit = (await h.inspect.rows('audit_log')).filter((a) => a.event === 'migration_completed');
    expect(audit).toHaveLength(1);
    expect(audit[0].accountId).toBe(account.id);
    const confirmation = (await h.outbox()).find((m) => m.to === CARD_EMAIL && !m.code);
    expect(confirmation?.subject).toContain('My ID登録完了');

    // refresh of the done page and a replayed password POST change nothing
    expect((await b.get('/migration/done')).status).toBe(200);
    const replay = await b.post('/migration/password', { password: PASSWORD, confirm: PASSWORD });
    expect(replay.location).toBe('/migration/done');
    expect((await h.inspect.rows('account'))).toHaveLength(2);

    const old = await signIn(browser(h), 'oldnet01', 'legacy-pass1');
    expect(old.status).toBe(422);
    expect(old.body).toContain('入力されたIDとパスワードではログインできません。');
    const fresh = await signIn(browser(h), CARD_EMAIL, PASSWORD);
    expect(fresh.status).toBe(303);
    expect(fresh.location).toBe('/top');
  });

  it('M2 はい on a card email that is already a My ID goes to M3 with the guide message', async () => {
    const b = browser(h);
    await signIn(b, 'oldnet03', 'legacy-pass3');
    await b.post('/migration/terms', {});
    const res = await b.post('/migration/email-choice', { choice: 'yes' });
    expect(res.location).toBe('/migration/new-email');
    const page = await b.get('/migration/new-email');
    expect(page.body).toContain('クレジットカードに登録されているメールアドレスは既にMy IDとして登録されています。');
    expect((await h.outbox()).filter((m) => m.code)).toHaveLength(0);
  });

  it('a missing or unknown choice shows the question again and changes nothing', async () => {
    const b = browser(h);
    await startMobile(b);
    await b.post('/migration/terms', {});
    expect((await b.post('/migration/email-choice', { choice: 'maybe' })).location).toBe('/migration/email-choice');
    expect((await h.inspect.rows('flow'))[0]?.step).toBe('email-choice');
  });
});

describe('M3 new email', () => {
  async function atNewEmail(b: Browser) {
    await startMobile(b);
    await b.post('/migration/terms', {});
    await b.post('/migration/email-choice', { choice: 'no' });
  }

  it('shows the field with type email, autocomplete, example and both buttons', async () => {
    const b = browser(h);
    await atNewEmail(b);
    const page = await b.get('/migration/new-email');
    expect(page.body).toContain('ステップ 3/8');
    expect(page.body).toMatch(/<input[^>]*type="email"[^>]*|<input[^>]*autocomplete="email"/);
    expect(page.body).toContain('abc@example.jp');
    expect(page.body).toContain('ログインへ戻る</button>');
    expect(page.body).toContain('登録</button>');
  });

  it.each([
    ['taro＠example．jp', null],
    ['たろう@example.jp', 'メールアドレスに使えない文字'],
    ['taro.example.jp', '@'],
    ['a@b@example.jp', '@'],
    ['@example.jp', '@'],
    ['taro@', '@'],
    ['ta ro(x)@example.jp', ''],
    ['taro@localhost', ''],
    [`${'a'.repeat(250)}@example.jp`, '254'],
    // domains no mail can reach (rfcEmail and label rules), while a carrier address with two dots in the local part is fine
    ['taro@example..jp', 'ドメイン'],
    ['taro@-example.jp', 'ドメイン'],
    ['taro@example-.jp', 'ドメイン'],
    [`taro@${'b'.repeat(64)}.jp`, 'ドメイン'],
  ])('%s → the format error with the rule that failed', async (email, fragment) => {
    const b = browser(h);
    await atNewEmail(b);
    const res = await b.post('/migration/new-email', { email });
    if (fragment === null) {
      // full-width input is converted, not refused (SPEC N1)
      expect(res.location).toBe('/migration/email-code');
      expect((await codesTo('taro@example.jp'))).toHaveLength(1);
      return;
    }
    expect(res.status).toBe(400);
    expect(res.body).toContain('メールアドレスの入力に誤りがあります。');
    if (fragment) expect(res.body).toContain(fragment);
    expect(res.body).toMatch(/<title>エラー: /);
    expect(res.body).toMatch(/aria-invalid="true"/);
    expect((await h.outbox()).filter((m) => m.code)).toHaveLength(0);
  });

  it('an old carrier address with two dots in a row before the @ is accepted (GOTCHAS: rfcEmail)', async () => {
    const b = browser(h);
    await atNewEmail(b);
    expect((await b.post('/migration/new-email', { email: 'taro..yamada@docomo.ne.jp' })).location).toBe('/migration/email-code');
    expect((await codesTo('taro..yamada@docomo.ne.jp'))).toHaveLength(1);
  });

  it('an address that is already a My ID (any case) is refused with 409 and no code is sent', async () => {
    const b = browser(h);
    await atNewEmail(b);
    const res = await b.post('/migration/new-email', { email: 'Taken@Example.JP' });
    expect(res.status).toBe(409);
    expect(res.body).toContain('ご入力いただいたメールアドレスはご利用いただけません。');
    expect(res.body).toContain('value="Taken@Example.JP"');
    expect((await h.outbox()).filter((m) => m.code)).toHaveLength(0);
  });

  it('ログインへ戻る ends the flow', async () => {
    const b = browser(h);
    await atNewEmail(b);
    expect((await b.post('/migration/cancel', {})).location).toBe('/login?flow=cancelled');
    expect((await b.get('/migration/new-email')).location).toBe('/login?flow=expired');
  });
});

describe('M4 email code, M5 confirm, M6 landline voice (initial ID, card without email)', () => {
  it('walks the whole branch and changes the card email, retires the initial ID', async () => {
    const b = browser(h);
    const start = await signIn(b, 'init0001', 'initial-pass1');
    expect(start.location).toBe('/migration/terms');
    // SPEC M2: no registered email → straight to M3
    expect((await b.post('/migration/terms', {})).location).toBe('/migration/new-email');
    expect((await b.get('/migration/email-choice')).location).toBe('/migration/new-email');
    expect((await b.post('/migration/new-email', { email: ' Hanako@Example.jp ' })).location).toBe('/migration/email-code');

    const codePage = await b.get('/migration/email-code');
    expect(codePage.body).toContain('ステップ 4/8');
    expect(codePage.body).toContain('hanako@example.jp'); // as typed, normalised (issue 19 item 4)
    expect(codePage.body).toMatch(/<input[^>]*inputmode="numeric"/);
    expect(codePage.body).toMatch(/\d{2}:\d{2}まで有効/);
    expect(codePage.body).toContain('認証する</button>');
    expect(codePage.body).toContain('認証コードを再送信する</button>');

    const code = (await latestCode('hanako@example.jp'));
    const wrong = await b.post('/migration/email-code', { code: code === '0000' ? '1111' : '0000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('認証コードが一致しません。');
    // pasted in full width with spaces: still the code (SPEC N1)
    const fullWidth = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect((await b.post('/migration/email-code', { code: ` ${fullWidth} ` })).location).toBe('/migration/confirm-email');

    const confirm = await b.get('/migration/confirm-email');
    expect(confirm.body).toContain('ステップ 5/8');
    expect(confirm.body).toContain('hanako@example.jp をMy IDとして登録しますか？');
    expect(confirm.body).toContain('クレジットカードに登録されているメールアドレスも');
    expect((await b.post('/migration/confirm-email', {})).location).toBe('/migration/phone');

    // landline only: nothing sent on arrival; a radio list of the numbers and the voice button
    expect((await h.outbox()).filter((m) => m.channel !== 'email')).toHaveLength(0);
    const phone = await b.get('/migration/phone');
    expect(phone.body).toMatch(/type="radio"[^>]*name="phone"/);
    expect(phone.body).toContain('**-****-5678'); // a landline keeps its own shape (issue 19 item 5)
    expect(phone.body).toContain('音声電話で認証コードを送信');
    expect(phone.body).not.toContain('SMSで認証コードを送信');
    const noChoice = await b.post('/migration/phone/send', { channel: 'voice' });
    expect(noChoice.status).toBe(400);
    expect(noChoice.body).toContain('電話番号を選択してください。');
    const sms = await b.post('/migration/phone/send', { phone: '0', channel: 'sms' });
    expect(sms.status).toBe(400);

    expect((await b.post('/migration/phone/send', { phone: '1', channel: 'voice' })).location).toBe('/migration/phone');
    const voice = (await h.outbox()).find((m) => m.channel === 'voice')!;
    expect(voice.to).toBe('0412345678');
    // the call speaks the digits one by one
    expect(voice.text.replace(/\D/g, '')).toContain(voice.code!);
    expect((await b.post('/migration/phone', { code: voice.code! })).location).toBe('/migration/password');

    const bad = await b.post('/migration/password', { password: 'short', confirm: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('パスワードは8文字以上20文字以内で入力してください。');
    expect(bad.body).not.toContain('value="short"');
    expect((await h.inspect.rows('account'))).toHaveLength(1);

    expect((await b.post('/migration/password', { password: PASSWORD, confirm: PASSWORD })).location).toBe('/migration/done');
    const card = (await h.inspect.rows('card')).find((rec) => rec.id === landlineHolder.cards[0].id)!;
    expect(card.email).toBe('hanako@example.jp');
    expect((await h.inspect.rows('credential')).find((rec) => rec.id === landlineHolder.initial!.id)?.retiredAt).not.toBeNull();
    const account = (await h.inspect.rows('account')).find((rec) => rec.email === 'hanako@example.jp')!;
    expect((await h.inspect.rows('account_card')).filter((rec) => rec.accountId === account.id)).toHaveLength(1);
    expect((await h.outbox()).find((m) => m.to === 'hanako@example.jp' && !m.code)?.subject).toContain('My ID登録完了');
  });

  it('M5 いいえ ends the flow and changes nothing', async () => {
    const b = browser(h);
    const before = await snapshot();
    await walkNewEmailToConfirm(b, 'jiro@example.jp');
    expect((await b.post('/migration/cancel', {})).location).toBe('/login?flow=cancelled');
    expect(await snapshot()).toEqual(before);
    expect((await b.get('/migration/confirm-email')).location).toBe('/login?flow=expired');
  });

  it('a new email on a multi-card holder links only the cards with the old card email and changes their email', async () => {
    const b = browser(h);
    await walkNewEmailToConfirm(b, 'newtaro@example.jp');
    await b.post('/migration/confirm-email', {});
    await b.post('/migration/phone', { code: (await latestCode('09011112222')) });
    expect((await b.post('/migration/password', { password: PASSWORD, confirm: PASSWORD })).location).toBe('/migration/done');
    const emails = (await h.inspect.rows('card')).filter((rec) => rec.holderId === mobileHolder.holder.id).map((c) => c.email);
    expect(emails).toEqual(['newtaro@example.jp', 'newtaro@example.jp', 'other.card@example.jp']);
  });
});

describe('M6 a holder with a mobile and a landline', () => {
  it('gets the SMS on arrival and sees both choices; the voice fallback to the mobile works', async () => {
    const b = browser(h);
    await signIn(b, 'oldnet03', 'legacy-pass3');
    await b.post('/migration/terms', {});
    await b.post('/migration/email-choice', { choice: 'yes' });
    await b.post('/migration/new-email', { email: 'saburo@example.jp' });
    await b.post('/migration/email-code', { code: (await latestCode('saburo@example.jp')) });
    expect((await b.post('/migration/confirm-email', {})).location).toBe('/migration/phone');
    expect((await codesTo('08055556666'))).toHaveLength(1);
    const page = await b.get('/migration/phone');
    expect(page.body).toContain('***-****-6666');
    expect(page.body).toContain('***-***-4567'); // a landline keeps its own shape (issue 19 item 5)
    expect(page.body).toMatch(/type="radio"/);

    h.clock.advance(31_000);
    expect((await b.post('/migration/phone/send', { phone: '1', channel: 'voice' })).location).toBe('/migration/phone');
    const calls = (await codesTo('08055556666'));
    expect(calls).toHaveLength(2);
    expect(calls[0].channel).toBe('voice');
    // the voice code replaced the SMS one (SPEC M6a: a resend replaces the previous code)
    if (calls[1].code !== calls[0].code) expect((await b.post('/migration/phone', { code: calls[1].code! })).status).toBe(422);
    expect((await b.post('/migration/phone', { code: calls[0].code! })).location).toBe('/migration/password');
  });
});

describe('guards: skipped steps, unknown and expired flows, back and refresh', () => {
  it('a GET or POST of a step not reached goes to the current step; no flow → sign-in', async () => {
    const b = browser(h);
    expect((await b.get('/migration/terms')).location).toBe('/login?flow=expired');
    await startMobile(b);
    for (const step of ['email-choice', 'new-email', 'email-code', 'confirm-email', 'phone', 'password', 'done']) {
      expect((await b.get(`/migration/${step}`)).location).toBe('/migration/terms');
    }
    expect((await b.post('/migration/password', { password: PASSWORD, confirm: PASSWORD })).location).toBe('/migration/terms');
    expect((await h.inspect.rows('account'))).toHaveLength(1);
  });

  it('an expired flow returns to sign-in with the message', async () => {
    const b = browser(h);
    await startMobile(b);
    h.clock.advance(h.config.FLOW_TTL_SECONDS * 1000 + 1);
    const res = await b.get('/migration/terms');
    expect(res.location).toBe('/login?flow=expired');
    expect((await b.get(res.location!)).body).toContain('有効期限');
  });

  it('back, forward and refresh never send a second code or repeat a write', async () => {
    const b = browser(h);
    await startMobile(b);
    await b.post('/migration/terms', {});
    await b.post('/migration/email-choice', { choice: 'yes' });
    // back to the choice and submit again, refresh the phone page
    expect((await b.post('/migration/email-choice', { choice: 'yes' })).location).toBe('/migration/phone');
    expect((await b.post('/migration/terms', {})).location).toBe('/migration/phone');
    await b.get('/migration/phone');
    await b.get('/migration/phone');
    expect((await codesTo('09011112222'))).toHaveLength(1);

    const c = browser(h);
    await walkNewEmailToConfirm(c, 'once@example.jp');
    expect((await c.post('/migration/new-email', { email: 'once@example.jp' })).location).toBe('/migration/confirm-email');
    await c.get('/migration/email-code');
    expect((await codesTo('once@example.jp'))).toHaveLength(1);
  });

  it('a cross-site POST is refused with the styled 403', async () => {
    const b = browser(h);
    await startMobile(b);
    const res = await b.post('/migration/terms', {}, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await h.inspect.rows('flow'))[0]?.step).toBe('terms');
  });
});

describe('English', () => {
  it('every step of the keep-email branch is in English', async () => {
    const b = browser(h, { 'accept-language': 'en' });
    await startMobile(b);
    const terms = await b.get('/migration/terms');
    expect(terms.body).toContain('Accept and continue');
    expect(terms.body).toContain('Step 1 of 8');
    await b.post('/migration/terms', {});
    expect((await b.get('/migration/email-choice')).body).toContain('Register the email address on your card');
    await b.post('/migration/email-choice', { choice: 'yes' });
    expect((await b.get('/migration/phone')).body).toContain('Move to a My ID: verify your phone');
    await b.post('/migration/phone', { code: (await latestCode('09011112222')) });
    const pw = await b.get('/migration/password');
    expect(pw.body).toContain('Set your password');
    await b.post('/migration/password', { password: PASSWORD, confirm: PASSWORD });
    const done = await b.get('/migration/done');
    expect(done.body).toContain('Your My Card registration is complete.');
    expect(done.body).toContain('Sign in to My Card');
    // only the language switch (日本語) may stay Japanese
    for (const page of [terms, pw, done]) expect(page.body.replace(/<[^>]+>/g, ' ').replace(/日本語/g, '')).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});

describe('two browsers migrating the same legacy ID', () => {
  it('the second to finish is sent back to sign-in, its flow ended, and nothing of it is written', async () => {
    const h2 = await makeHarness({ CODE_RESEND_SECONDS: '0' });
    const { legacy } = await addHolder(h2, { legacyId: 'dual-01', phones: ['09077778888'], cards: [{ email: 'dual@example.jp' }] });
    const walk = async (email: string) => {
      const b = browser(h2);
      await b.get('/login');
      await b.post('/login', { id: 'dual-01', password: 'legacy-pass' });
      await b.post('/migration/terms', {});
      await b.post('/migration/email-choice', { choice: 'no' });
      await b.post('/migration/new-email', { email });
      await b.post('/migration/email-code', { code: (await h2.outbox()).find((m) => m.to === email)!.code! });
      await b.post('/migration/confirm-email', {});
      await b.post('/migration/phone', { code: (await h2.outbox()).find((m) => m.to === '09077778888')!.code! });
      expect((await b.get('/migration/password')).status).toBe(200);
      return b;
    };
    const first = await walk('dual-one@example.jp');
    const second = await walk('dual-two@example.jp');
    expect((await first.post('/migration/password', { password: PASSWORD, confirm: PASSWORD })).location).toBe('/migration/done');
    const cardsAfterFirst = (await h2.inspect.rows('card'));

    const late = await second.post('/migration/password', { password: PASSWORD, confirm: PASSWORD });
    expect(late.status).toBe(303);
    const landed = await second.get(late.location!);
    expect(landed.location).toBe('/login?flow=expired');
    expect((await h2.inspect.rows('account')).map((a) => a.email)).toEqual(['dual-one@example.jp']);
    expect((await h2.inspect.rows('card'))).toEqual(cardsAfterFirst);
    expect((await h2.inspect.rows('flow')).every((f) => f.endedAt !== null || f.step === 'done')).toBe(true);
    expect((await h2.inspect.rows('credential')).find((rec) => rec.id === legacy!.id)?.retiredAt).not.toBeNull();
    expect((await h2.inspect.rows('audit_log')).filter((a) => a.event === 'migration_completed')).toHaveLength(1);
    // the ID is spent: signing in with it again gets the generic L4 error
    const again = browser(h2);
    await again.get('/login');
    expect((await again.post('/login', { id: 'dual-01', password: 'legacy-pass' })).status).toBe(422);
  });
});

describe('SPEC X6: no time limit without the time shown', () => {
  it('every step before completion says by when the procedure must be finished', async () => {
    const b = browser(h);
    await startMobile(b); // the fake clock starts at 10:00 Tokyo, the flow lives FLOW_TTL_SECONDS (30 minutes)
    const deadline = 'このお手続きは10:30までに完了してください。';
    expect((await b.get('/migration/terms')).body).toContain(deadline);
    await b.post('/migration/terms', {});
    expect((await b.get('/migration/email-choice')).body).toContain(deadline);
    await b.post('/migration/email-choice', { choice: 'no' });
    expect((await b.get('/migration/new-email')).body).toContain(deadline);
    await b.post('/migration/new-email', { email: 'clock@example.jp' });
    expect((await b.get('/migration/email-code')).body).toContain(deadline);
    await b.post('/migration/email-code', { code: (await latestCode('clock@example.jp')) });
    expect((await b.get('/migration/confirm-email')).body).toContain(deadline);
    await b.post('/migration/confirm-email', {});
    expect((await b.get('/migration/phone')).body).toContain(deadline);
    await b.post('/migration/phone', { code: (await latestCode('09011112222')) });
    expect((await b.get('/migration/password')).body).toContain(deadline);
  });

  it('SPEC M1: every page with a cancel button says beforehand that sign-in is needed again', async () => {
    const b = browser(h);
    await startMobile(b);
    const note = 'ログイン画面から再度お手続きが必要です';
    const bodies: [string, string][] = [['terms', (await b.get('/migration/terms')).body]];
    await b.post('/migration/terms', {});
    await b.post('/migration/email-choice', { choice: 'no' });
    bodies.push(['new-email', (await b.get('/migration/new-email')).body]);
    await b.post('/migration/new-email', { email: 'note@example.jp' });
    bodies.push(['email-code', (await b.get('/migration/email-code')).body]);
    await b.post('/migration/email-code', { code: (await latestCode('note@example.jp')) });
    bodies.push(['confirm-email', (await b.get('/migration/confirm-email')).body]);
    await b.post('/migration/confirm-email', {});
    bodies.push(['phone', (await b.get('/migration/phone')).body]);
    await b.post('/migration/phone', { code: (await latestCode('09011112222')) });
    bodies.push(['password', (await b.get('/migration/password')).body]);
    for (const [step, body] of bodies) {
      expect(body, step).toContain('action="/migration/cancel"');
      // the note comes before the cancel form
      expect(body.indexOf(note), step).toBeGreaterThan(-1);
      expect(body.indexOf(note), step).toBeLessThan(body.indexOf('action="/migration/cancel"'));
    }
  });
});

describe('M6a on the phone step, with a fake clock', () => {
  async function atPhone(b: Browser) {
    await startMobile(b);
    await b.post('/migration/terms', {});
    await b.post('/migration/email-choice', { choice: 'yes' });
  }

  it('shows the next-resend time, refuses the voice fallback too soon with that time, and sends it once the spacing has passed', async () => {
    const b = browser(h);
    await atPhone(b);
    const page = await b.get('/migration/phone');
    expect(page.body).toContain('認証コードは10:05まで有効です。');
    expect(page.body).toContain('認証コードの再送信は10:00以降に可能です。');
    // SMS and voice to one number are one destination (SPEC M6a): the call waits for the spacing too
    const tooSoon = await b.post('/migration/phone/send', { phone: '0', channel: 'voice' });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body).toContain('10:00以降に再送信してください');
    expect((await codesTo('09011112222'))).toHaveLength(1);
    h.clock.advance(h.config.CODE_RESEND_SECONDS * 1000);
    expect((await b.post('/migration/phone/send', { phone: '0', channel: 'voice' })).location).toBe('/migration/phone');
    const call = (await codesTo('09011112222'))[0];
    expect(call.channel).toBe('voice');
    expect((await b.get('/migration/phone')).body).toContain('音声電話で認証コードをお知らせしました');
  });

  it('an expired SMS code is refused; a resend after expiry works', async () => {
    const b = browser(h);
    await atPhone(b);
    const code = (await latestCode('09011112222'));
    h.clock.advance(h.config.CODE_TTL_SECONDS * 1000 + 1);
    const late = await b.post('/migration/phone', { code });
    expect(late.status).toBe(422);
    expect(late.body).toContain('認証コードの有効期限が切れています。');
    expect((await b.post('/migration/phone/send', { phone: '0', channel: 'sms' })).location).toBe('/migration/phone');
    expect((await b.post('/migration/phone', { code: (await latestCode('09011112222')) })).location).toBe('/migration/password');
  });

  it('CODE_MAX_FAILURES wrong phone codes lock the phone step until the lock window ends, shown as a clock time; the email step is not locked', async () => {
    const b = browser(h);
    await atPhone(b);
    const right = (await latestCode('09011112222'));
    const wrong = right === '0000' ? '1111' : '0000';
    for (let i = 1; i < h.config.CODE_MAX_FAILURES; i++) expect((await b.post('/migration/phone', { code: wrong })).status).toBe(422);
    const locked = await b.post('/migration/phone', { code: wrong });
    expect(locked.status).toBe(429);
    expect(locked.body).toContain('認証機能がロックされました');
    expect((await b.post('/migration/phone', { code: right })).status).toBe(429);
    const page = await b.get('/migration/phone');
    expect(page.body).toContain(' 10:30（日本時間）に解除されます。');
    expect((await h.inspect.rows('account'))).toHaveLength(1);

    // the same holder's email code in another flow is counted separately (per purpose)
    const other = browser(h);
    await startMobile(other);
    await other.post('/migration/terms', {});
    await other.post('/migration/email-choice', { choice: 'no' });
    await other.post('/migration/new-email', { email: 'sep@example.jp' });
    expect((await other.post('/migration/email-code', { code: (await latestCode('sep@example.jp')) })).location).toBe('/migration/confirm-email');
  });
});

describe('double clicks (two identical POSTs at once)', () => {
  it('send each code once and move the flow once', async () => {
    const b = browser(h);
    await startMobile(b);
    await Promise.all([b.post('/migration/terms', {}), b.post('/migration/terms', {})]);
    await Promise.all([b.post('/migration/email-choice', { choice: 'no' }), b.post('/migration/email-choice', { choice: 'no' })]);
    const entered = await Promise.all([b.post('/migration/new-email', { email: 'dbl@example.jp' }), b.post('/migration/new-email', { email: 'dbl@example.jp' })]);
    for (const r of entered) expect(['/migration/email-code', '/migration/new-email']).toContain(r.location);
    expect((await codesTo('dbl@example.jp'))).toHaveLength(1);
    const code = (await latestCode('dbl@example.jp'));
    await Promise.all([b.post('/migration/email-code', { code }), b.post('/migration/email-code', { code })]);
    await Promise.all([b.post('/migration/confirm-email', {}), b.post('/migration/confirm-email', {})]);
    expect((await codesTo('09011112222'))).toHaveLength(1);
    expect((await h.inspect.rows('flow'))[0]?.step).toBe('phone');
    expect((await b.get('/migration/phone')).status).toBe(200);
  });
});

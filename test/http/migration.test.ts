// SPEC M1–M8: the migration walked end to end over HTTP, once per main branch (keep the card email + SMS, a new email + a landline
// call); the database and outbox checked after each end. M2's other branches: migration-m2-branches.test.ts; the guard: migration-flow-guard.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { GOOD_PASSWORD, startMigration } from '../helpers/walk.js';
import { lastCode, WRONG_CODE } from '../helpers/codes.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});

describe('keep the card email + SMS (M2 はい → M6 ⑦-1 → M7 → M8)', () => {
  it('walks to completion, links the card, retires the legacy ID and sends the confirmation', async () => {
    const { cards, legacy } = await addHolder(h, { legacyId: 'taro-01', legacyPassword: 'old-pass-1', cards: [{ email: 'taro@example.jp' }], phones: ['09011112222'] });
    const { b, location } = await startMigration(h, 'TARO-01', 'old-pass-1');
    expect(location).toBe('/migration/email-choice');
    const choice = await b.get(location);
    expect(choice.body).toContain('<h1><span class="step-indicator">ステップ 2</span> ');
    expect(choice.body).toContain('t***@e******.jp');
    expect(choice.body).not.toContain('taro@example.jp');
    const yes = await b.post('/migration/email-choice', { choice: 'yes' });
    expect(yes.location).toBe('/migration/phone');
    // SPEC M6 ⑦-1: the SMS goes on arrival, once — a refresh sends nothing more
    const phonePage = await b.get('/migration/phone');
    await b.get('/migration/phone');
    expect((await h.outbox()).filter((m) => m.channel === 'sms')).toHaveLength(1);
    expect(phonePage.body).toContain('***-****-2222');
    expect(phonePage.body).toContain('音声電話で認証コードを送信');
    expect(phonePage.body).toMatch(/認証コードは\d{2}:\d{2}まで有効です。/);
    const wrong = await b.post('/migration/phone', { code: WRONG_CODE });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('認証コードが一致しません。');
    const right = await b.post('/migration/phone', { code: (await lastCode(h, '09011112222')) });
    expect(right.location).toBe('/migration/password');
    const done = await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD });
    expect(done.location).toBe('/migration/done');
    const page = await b.get('/migration/done');
    expect(page.body).toContain('My Cardの利用登録が正常に完了しました。');
    // issue 19: the link carries no address; sign-in fills it in from this browser's completed flow
    expect(page.body).toContain('<a class="button" href="/login">');
    expect(page.body).not.toContain('login?id=');

    const account = (await h.inspect.rows('account')).find((rec) => rec.email === 'taro@example.jp')!;
    expect(account.termsVersion).toBe(h.config.TERMS_VERSION);
    expect((await h.inspect.rows('account_card'))).toEqual([expect.objectContaining({ accountId: account.id, cardId: cards[0].id })]);
    expect((await h.inspect.rows('credential')).find((rec) => rec.id === legacy!.id)!.retiredAt).not.toBeNull();
    expect((await h.outbox())[0]).toMatchObject({ channel: 'email', to: 'taro@example.jp', subject: '【My Card】My ID登録完了のお知らせ' });

    // afterwards: the legacy ID gets the generic error, the My ID signs in to the top page
    const old = await browser(h).post('/login', { id: 'taro-01', password: 'old-pass-1' });
    expect(old.status).toBe(422);
    expect(old.body).toContain('入力されたIDとパスワードではログインできません。');
    const member = browser(h);
    expect((await member.post('/login', { id: 'taro@example.jp', password: GOOD_PASSWORD })).location).toBe('/top');
    expect((await member.get('/top')).body).toContain('下4桁');
  });
});

describe('new email + landline voice (M2 いいえ → M3 → M4 → M5 → M6 ⑦-2)', () => {
  it('checks the address, verifies it, calls the landline and changes the card email', async () => {
    const { cards } = await addHolder(h, { legacyId: 'hana-02', legacyPassword: 'old-pass-2', cards: [{ email: 'old@example.jp' }], phones: ['0312345678'] });
    await addHolder(h, { account: { email: 'someone@example.jp', password: 'Other#2025x' } });
    const { b } = await startMigration(h, 'hana-02', 'old-pass-2');
    expect((await b.post('/migration/email-choice', { choice: 'no' })).location).toBe('/migration/new-email');
    const form = await b.get('/migration/new-email');
    expect(form.body).toMatch(/<input[^>]*type="email"[^>]*autocomplete="email"/);
    expect(form.body).toContain('例：abc@example.jp');
    const cases: [string, string][] = [
      ['ｔａｒｏ＠例え.jp', 'メールアドレスに使えない文字'],
      ['no-at.example.jp', '「@」は1つだけ'],
      ['a@b@example.jp', '「@」は1つだけ'],
      ['@example.jp', '「@」の前と後ろ'],
      ['taro@', '「@」の前と後ろ'],
      ['ta(ro)@example.jp', '使えない記号'],
      ['taro@localhost', '「.」がありません'],
      [`${'a'.repeat(250)}@example.jp`, '254文字以内'],
    ];
    for (const [email, reason] of cases) {
      const res = await b.post('/migration/new-email', { email });
      expect(res.status, email).toBe(400);
      expect(res.body).toContain('メールアドレスの入力に誤りがあります。');
      expect(res.body).toContain(reason);
    }
    const taken = await b.post('/migration/new-email', { email: 'SOMEONE@example.jp' });
    expect(taken.status).toBe(409);
    expect(taken.body).toContain('ご入力いただいたメールアドレスはご利用いただけません。');
    expect((await h.outbox())).toHaveLength(0);

    expect((await b.post('/migration/new-email', { email: ' new@example.jp ' })).location).toBe('/migration/email-code');
    const codePage = await b.get('/migration/email-code');
    expect(codePage.body).toMatch(/<input[^>]*inputmode="numeric"[^>]*autocomplete="one-time-code"|autocomplete="one-time-code"[^>]*inputmode="numeric"/);
    expect((await b.post('/migration/email-code', { code: (await lastCode(h, 'new@example.jp')) })).location).toBe('/migration/confirm-email');
    const confirm = await b.get('/migration/confirm-email');
    expect(confirm.body).toContain('new@example.jp をMy IDとして登録しますか？');
    expect((await b.post('/migration/confirm-email', {})).location).toBe('/migration/phone');

    // landline only: nothing is sent until the member chooses the number
    expect((await h.outbox()).filter((m) => m.channel !== 'email')).toHaveLength(0);
    const phone = await b.get('/migration/phone');
    expect(phone.body).toContain('**-****-5678'); // a landline keeps its own shape (issue 19 item 5)
    expect(phone.body).toContain('type="radio"');
    expect((await b.post('/migration/phone/send', { phone: '0', channel: 'sms' })).status).toBe(400);
    expect((await b.post('/migration/phone/send', { phone: '0', channel: 'voice' })).location).toBe('/migration/phone');
    const call = (await h.outbox()).find((m) => m.channel === 'voice')!;
    expect(call.to).toBe('0312345678');
    expect((await b.post('/migration/phone', { code: call.code! })).location).toBe('/migration/password');

    const weak = await b.post('/migration/password', { password: 'new12345', confirm: 'other' });
    expect(weak.status).toBe(400);
    expect(weak.body).toContain('<title>エラー: ');
    expect(weak.body).not.toContain('value="new12345"');
    expect((await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/migration/done');
    expect((await h.inspect.rows('card')).find((rec) => rec.id === cards[0].id)!.email).toBe('new@example.jp');
    expect((await h.inspect.rows('account')).find((rec) => rec.email === 'new@example.jp')).toBeDefined();
  });
});

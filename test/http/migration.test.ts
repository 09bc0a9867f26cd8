// SPEC M1–M8: the migration walked branch by branch over HTTP; the database and outbox checked after each end.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { GOOD_PASSWORD, startMigration } from '../helpers/walk.js';
import { lastCode, WRONG_CODE } from '../helpers/codes.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});

const snapshot = async () => ({
  accounts: (await h.inspect.rows('account')),
  links: (await h.inspect.rows('account_card')),
  cards: (await h.inspect.rows('card')),
  credentials: (await h.inspect.rows('credential')),
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

describe('the flow guard (SPEC §3)', () => {
  it('a step not reached yet redirects to the current step', async () => {
    await addHolder(h, { legacyId: 'skip-07' });
    const b = browser(h);
    await b.post('/login', { id: 'skip-07', password: 'legacy-pass' });
    for (const step of ['email-choice', 'new-email', 'email-code', 'confirm-email', 'phone', 'password', 'done']) {
      const res = await b.get(`/migration/${step}`);
      expect(res.status, step).toBe(303);
      expect(res.location, step).toBe('/migration/terms');
    }
    const post = await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD });
    expect(post.location).toBe('/migration/terms');
    expect((await h.inspect.rows('account'))).toHaveLength(0);
  });

  it('cancel ends the flow, changes nothing and returns to sign-in with the message', async () => {
    await addHolder(h, { legacyId: 'cancel-08' });
    const before = await snapshot();
    const { b } = await startMigration(h, 'cancel-08', 'legacy-pass');
    const res = await b.post('/migration/cancel', {});
    expect(res.location).toBe('/login?flow=cancelled');
    expect((await b.get('/login?flow=cancelled')).body).toContain('お手続きを中止しました。');
    expect((await b.get('/migration/email-choice')).location).toBe('/login?flow=expired');
    expect(await snapshot()).toEqual(before);
    expect((await h.inspect.rows('flow'))[0]!.endedAt).not.toBeNull();
  });

  it('いいえ at M5 ends the flow and nothing changes', async () => {
    await addHolder(h, { legacyId: 'no-09', cards: [{ email: 'keep@example.jp' }] });
    const before = await snapshot();
    const { b } = await startMigration(h, 'no-09', 'legacy-pass');
    await b.post('/migration/email-choice', { choice: 'no' });
    await b.post('/migration/new-email', { email: 'other@example.jp' });
    await b.post('/migration/email-code', { code: (await lastCode(h, 'other@example.jp')) });
    expect((await b.post('/migration/cancel', {})).location).toBe('/login?flow=cancelled');
    expect(await snapshot()).toEqual(before);
  });

  it('an expired flow returns to sign-in with a message', async () => {
    await addHolder(h, { legacyId: 'slow-10' });
    const { b, location } = await startMigration(h, 'slow-10', 'legacy-pass');
    h.clock.advance((h.config.FLOW_TTL_SECONDS + 1) * 1000);
    const res = await b.get(location);
    expect(res.location).toBe('/login?flow=expired');
    expect((await b.get(res.location!)).body).toContain('お手続きの有効期限が切れました。');
  });

  it('an unknown flow cookie is treated as expired', async () => {
    const res = await h.app.request('/migration/terms', { headers: { cookie: 'flow=forged-token' } });
    expect(res.headers.get('location')).toBe('/login?flow=expired');
  });

  it('a second submit of the completing password writes nothing more', async () => {
    await addHolder(h, { legacyId: 'twice-11', cards: [{ email: 'twice@example.jp' }] });
    const { b } = await startMigration(h, 'twice-11', 'legacy-pass');
    await b.post('/migration/email-choice', { choice: 'yes' });
    await b.post('/migration/phone', { code: (await lastCode(h, '09012345678')) });
    const [one, two] = await Promise.all([
      b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }),
      b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }),
    ]);
    // the loser is sent back through the guard, which takes it to where the flow is now: done
    for (const res of [one, two]) {
      const landed = res.location === '/migration/done' ? res : await b.get(res.location!);
      expect(landed.location ?? '/migration/done').toBe('/migration/done');
    }
    expect((await h.inspect.rows('account'))).toHaveLength(1);
    expect((await h.outbox()).filter((m) => m.subject.includes('登録完了'))).toHaveLength(1);
  });
});

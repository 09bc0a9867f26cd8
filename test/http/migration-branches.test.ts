// SPEC M4–M6 over HTTP: the email code, the confirm step and the phone kinds (landline voice, mobile and landline), and English.
import { describe, expect, it } from 'vitest';
import { browser } from '../helpers/app.js';
import { codesTo, lastCode, WRONG_CODE } from '../helpers/codes.js';
import { h, mobileHolder, landlineHolder, PASSWORD, signIn, startMobile, snapshot, walkNewEmailToConfirm } from './support/migration-edges.js';

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
    expect(codePage.body).toContain('<h1><span class="step-indicator">ステップ 3/7</span> ');
    expect(codePage.body).toContain('hanako@example.jp'); // as typed, normalised (issue 19 item 4)
    expect(codePage.body).toMatch(/<input[^>]*inputmode="numeric"/);
    expect(codePage.body).toMatch(/\d{2}:\d{2}まで有効/);
    expect(codePage.body).toContain('認証する</button>');
    expect(codePage.body).toContain('認証コードを再送信する</button>');

    const code = (await lastCode(h, 'hanako@example.jp'));
    const wrong = await b.post('/migration/email-code', { code: WRONG_CODE });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('認証コードが一致しません。');
    // pasted in full width with spaces: still the code (SPEC N1)
    const fullWidth = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect((await b.post('/migration/email-code', { code: ` ${fullWidth} ` })).location).toBe('/migration/confirm-email');

    const confirm = await b.get('/migration/confirm-email');
    expect(confirm.body).toContain('<h1><span class="step-indicator">ステップ 4/7</span> ');
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
    await b.post('/migration/phone', { code: (await lastCode(h, '09011112222')) });
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
    await b.post('/migration/email-code', { code: (await lastCode(h, 'saburo@example.jp')) });
    expect((await b.post('/migration/confirm-email', {})).location).toBe('/migration/phone');
    expect((await codesTo(h, '08055556666'))).toHaveLength(1);
    const page = await b.get('/migration/phone');
    expect(page.body).toContain('***-****-6666');
    expect(page.body).toContain('***-***-4567'); // a landline keeps its own shape (issue 19 item 5)
    expect(page.body).toMatch(/type="radio"/);

    h.clock.advance(31_000);
    expect((await b.post('/migration/phone/send', { phone: '1', channel: 'voice' })).location).toBe('/migration/phone');
    const calls = (await codesTo(h, '08055556666'));
    expect(calls).toHaveLength(2);
    expect(calls[0].channel).toBe('voice');
    // the voice code replaced the SMS one (SPEC M6a: a resend replaces the previous code)
    if (calls[1].code !== calls[0].code) expect((await b.post('/migration/phone', { code: calls[1].code! })).status).toBe(422);
    expect((await b.post('/migration/phone', { code: calls[0].code! })).location).toBe('/migration/password');
  });
});

describe('English', () => {
  it('every step of the keep-email branch is in English', async () => {
    const b = browser(h, { 'accept-language': 'en' });
    await startMobile(b);
    const terms = await b.get('/migration/terms');
    expect(terms.body).toContain('Accept and continue');
    expect(terms.body).toContain('<h1><span class="step-indicator">Step 1</span> ');
    await b.post('/migration/terms', {});
    expect((await b.get('/migration/email-choice')).body).toContain('Register the email address on your card');
    await b.post('/migration/email-choice', { choice: 'yes' });
    expect((await b.get('/migration/phone')).body).toContain('Move to a My ID: verify your phone');
    await b.post('/migration/phone', { code: (await lastCode(h, '09011112222')) });
    const pw = await b.get('/migration/password');
    expect(pw.body).toContain('Set your password');
    await b.post('/migration/password', { password: PASSWORD, confirm: PASSWORD });
    const done = await b.get('/migration/done');
    expect(done.body).toContain('Your My Card registration is complete.');
    expect(done.body).toContain('Sign in to My Card');
    // only the language switch (日本語) may stay Japanese
    // card names are the record's Japanese, marked lang="ja" (WCAG 3.1.2)
    for (const page of [terms, pw, done]) expect(page.body.replace(/<span lang="ja">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, ' ').replace(/日本語/g, '')).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});

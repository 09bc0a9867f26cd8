// SPEC M1–M2 and M8 over HTTP: the terms, and keeping the card email through to completion. The new-email step (M3): migration-new-email.test.ts.
import { describe, expect, it } from 'vitest';
import { browser } from '../helpers/app.js';
import { codesTo } from '../helpers/codes.js';
import { h, mobileHolder, PASSWORD, CARD_EMAIL, signIn, startMobile, snapshot, walkKeepEmailToPassword } from './support/migration-edges.js';

describe('M1 terms', () => {
  it('shows the terms in a focusable scrollable region with step 1/8, the cancel note and both buttons', async () => {
    const b = browser(h);
    await startMobile(b);
    const page = await b.get('/migration/terms');
    expect(page.status).toBe(200);
    expect(page.res.headers.get('cache-control')).toContain('no-store');
    expect(page.body).toContain('<h1><span class="step-indicator">ステップ 1</span> ');
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
    expect(choice.body).toContain('<h1><span class="step-indicator">ステップ 2</span> ');
    expect(choice.body).toContain('t*********@e******.jp'.slice(0, 2));
    expect(choice.body).not.toContain(CARD_EMAIL);
    expect(choice.body).toContain('同一のメールアドレスを登録されている方は');
    expect(choice.body).toContain('クレジットカードに登録されているメールアドレスも変更となります');
    expect(choice.body).toMatch(/name="choice" value="no"[^>]*>\s*いいえ/);
    expect(choice.body).toMatch(/name="choice" value="yes"[^>]*>\s*はい/);

    // はい on a free address: no email code, the SMS goes out on arrival at the phone step
    const kept = await b.post('/migration/email-choice', { choice: 'yes' });
    expect(kept.location).toBe('/migration/phone');
    expect((await codesTo(h, CARD_EMAIL))).toHaveLength(0);
    const sms = (await codesTo(h, '09011112222'));
    expect(sms).toHaveLength(1);
    expect(sms[0].channel).toBe('sms');
    expect(sms[0].text).toContain(sms[0].code!);

    const phone = await b.get('/migration/phone');
    expect(phone.body).toContain('<h1><span class="step-indicator">ステップ 3/5</span> ');
    expect(phone.body).toContain('***-****-2222');
    expect(phone.body).not.toContain('09011112222');
    expect(phone.body).toMatch(/<input[^>]*autocomplete="one-time-code"/);
    expect(phone.body).toContain('音声電話で認証コードを送信');
    expect(phone.body).toContain('認証コードを再送信する');
    expect(phone.body).toMatch(/\d{2}:\d{2}まで有効/);

    expect((await b.post('/migration/phone', { code: sms[0].code! })).location).toBe('/migration/password');
    const pw = await b.get('/migration/password');
    expect(pw.body).toContain('<h1><span class="step-indicator">ステップ 4/5</span> ');
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

// SPEC M4, M6, M6a inside the migration, with a fake clock: expiry as a clock time, resend spacing, hourly cap, lock window; both phone kinds; English.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { GOOD_PASSWORD, startMigration } from '../helpers/walk.js';
import { lastCode, WRONG_CODE } from '../helpers/codes.js';

async function atEmailCode(h: Awaited<ReturnType<typeof makeHarness>>, id: string) {
  await addHolder(h, { legacyId: id, cards: [{ email: `${id}@example.jp` }] });
  const { b } = await startMigration(h, id, 'legacy-pass');
  await b.post('/migration/email-choice', { choice: 'no' });
  await b.post('/migration/new-email', { email: `new-${id}@example.jp` });
  return b;
}

describe('email code (M4) with a fake clock', () => {
  it('shows the expiry as a clock time, and an expired code asks for a resend', async () => {
    const h = await makeHarness();
    const b = await atEmailCode(h, 'exp-01');
    // the clock starts at 10:00 Tokyo; the code lives CODE_TTL_SECONDS (5 minutes)
    expect((await b.get('/migration/email-code')).body).toContain('認証コードは10:05まで有効です。');
    const code = (await lastCode(h, 'new-exp-01@example.jp'));
    h.clock.advance(h.config.CODE_TTL_SECONDS * 1000 + 1);
    const res = await b.post('/migration/email-code', { code });
    expect(res.status).toBe(422);
    expect(res.body).toContain('認証コードの有効期限が切れています。');
  });

  it('resend is spaced and capped per hour, the page saying when the next is possible; a resend replaces the code', async () => {
    const h = await makeHarness();
    const b = await atEmailCode(h, 'cap-02');
    const first = (await lastCode(h, 'new-cap-02@example.jp'));
    const tooSoon = await b.post('/migration/email-code/resend', {});
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body).toContain('10:01以降に再送信してください'); // 10:00:30, said as the next whole minute (issue 19 item 12)
    h.clock.advance(h.config.CODE_RESEND_SECONDS * 1000);
    expect((await b.post('/migration/email-code/resend', {})).status).toBe(303);
    const second = (await lastCode(h, 'new-cap-02@example.jp'));
    if (first !== second) expect((await b.post('/migration/email-code', { code: first })).status).toBe(422);
    for (let i = 2; i < h.config.CODE_MAX_SENDS_PER_HOUR; i++) {
      h.clock.advance(h.config.CODE_RESEND_SECONDS * 1000);
      expect((await b.post('/migration/email-code/resend', {})).status).toBe(303);
    }
    h.clock.advance(h.config.CODE_RESEND_SECONDS * 1000);
    const capped = await b.post('/migration/email-code/resend', {});
    expect(capped.status).toBe(429);
    expect(capped.body).toContain('送信回数が上限に達しました');
    expect((await h.outbox()).filter((m) => m.to === 'new-cap-02@example.jp')).toHaveLength(h.config.CODE_MAX_SENDS_PER_HOUR);
  });

  it('CODE_MAX_FAILURES wrong codes lock for CODE_LOCK_SECONDS, across a new flow too', async () => {
    const h = await makeHarness({ FLOW_TTL_SECONDS: '7200' });
    const b = await atEmailCode(h, 'lock-03');
    const right = (await lastCode(h, 'new-lock-03@example.jp'));
    const wrong = WRONG_CODE;
    for (let i = 1; i < h.config.CODE_MAX_FAILURES; i++) expect((await b.post('/migration/email-code', { code: wrong })).status).toBe(422);
    const locked = await b.post('/migration/email-code', { code: wrong });
    expect(locked.status).toBe(429);
    expect(locked.body).toContain('一定回数以上入力に誤りがあったため、認証機能がロックされました。しばらく時間をおいて再度お試しください。');
    expect((await b.post('/migration/email-code', { code: right })).status).toBe(429);
    // a new flow for the same holder is still locked
    const again = await startMigration(h, 'lock-03', 'legacy-pass');
    await again.b.post('/migration/email-choice', { choice: 'no' });
    await again.b.post('/migration/new-email', { email: 'new-lock-03@example.jp' });
    expect((await again.b.get('/migration/email-code')).body).toContain('ロックされました');
    h.clock.advance(h.config.CODE_LOCK_SECONDS * 1000 + 1);
    h.clock.advance(h.config.CODE_RESEND_SECONDS * 1000);
    expect((await again.b.post('/migration/email-code/resend', {})).status).toBe(303);
    expect((await again.b.post('/migration/email-code', { code: (await lastCode(h, 'new-lock-03@example.jp')) })).location).toBe('/migration/confirm-email');
  });
});

describe('phone step (M6)', () => {
  it('a holder with both kinds sees both choices and can switch to a voice call to the landline', async () => {
    const h = await makeHarness({ CODE_RESEND_SECONDS: '0' });
    await addHolder(h, { legacyId: 'both-04', phones: ['08033334444', '0455556666'], cards: [{ email: 'both@example.jp' }] });
    const { b } = await startMigration(h, 'both-04', 'legacy-pass');
    await b.post('/migration/email-choice', { choice: 'yes' });
    const page = await b.get('/migration/phone');
    expect(page.body).toContain('***-****-4444');
    expect(page.body).toContain('***-***-6666'); // a landline keeps its own shape (issue 19 item 5)
    expect((await h.outbox())[0]).toMatchObject({ channel: 'sms', to: '08033334444' });
    expect((await b.post('/migration/phone/send', { phone: '1', channel: 'voice' })).location).toBe('/migration/phone');
    const voice = (await h.outbox())[0];
    expect(voice).toMatchObject({ channel: 'voice', to: '0455556666' });
    // the voice call replaced the SMS code
    expect((await b.post('/migration/phone', { code: voice.code! })).location).toBe('/migration/password');
  });
});

describe('English', () => {
  it('every migration page reads in English', async () => {
    const h = await makeHarness();
    await addHolder(h, { legacyId: 'en-05', cards: [{ email: 'en@example.jp' }] });
    const { b } = await startMigration(h, 'en-05', 'legacy-pass');
    const choice = await b.get('/migration/email-choice?lang=en');
    expect(choice.body).toContain('Register the email address on your card');
    await b.post('/migration/email-choice', { choice: 'yes' });
    const phone = await b.get('/migration/phone');
    expect(phone.body).toContain('<html lang="en">');
    expect((await h.outbox())[0].subject).toBe('[My Card] Your verification code for moving to a My ID');
    await b.post('/migration/phone', { code: (await lastCode(h, '09012345678')) });
    const weak = await b.post('/migration/password', { password: 'short', confirm: 'short' });
    expect(weak.body).toContain('<title>Error: ');
    await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD });
    const done = await b.get('/migration/done');
    expect(done.body).toContain('Your My Card registration is complete.');
    for (const page of [choice.body, phone.body, weak.body, done.body]) {
      // card names are the record's Japanese, marked lang="ja" (WCAG 3.1.2); everything else is English
      const text = page.replace(/<span lang="ja">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, ' ').replace(/日本語/g, '');
      expect(text).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});

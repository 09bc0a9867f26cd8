// SPEC M6a over HTTP with a fake clock: the phone step's resend spacing (SMS and voice one destination), expiry and failure lock.
import { describe, expect, it } from 'vitest';
import { browser } from '../helpers/app.js';
import { codesTo, lastCode, WRONG_CODE } from '../helpers/codes.js';
import { walkTo } from '../helpers/walk.js';
import { h, MOBILE, startMobile, type Browser } from './support/migration-edges.js';

describe('M6a on the phone step, with a fake clock', () => {
  const atPhone = (b: Browser) => walkTo(h, 'migration', 'phone', { b, ...MOBILE });

  it('shows the next-resend time, refuses the voice fallback too soon with that time, and sends it once the spacing has passed', async () => {
    const b = browser(h);
    await atPhone(b);
    const page = await b.get('/migration/phone');
    expect(page.body).toContain('認証コードは10:05まで有効です。');
    expect(page.body).toContain('認証コードの再送信は10:01以降に可能です。'); // 10:00:30, said as the next whole minute (issue 19 item 12)
    // SMS and voice to one number are one destination (SPEC M6a): the call waits for the spacing too
    const tooSoon = await b.post('/migration/phone/send', { phone: '0', channel: 'voice' });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body).toContain('10:01以降に再送信してください'); // 10:00:30, said as the next whole minute (issue 19 item 12)
    expect((await codesTo(h, '09011112222'))).toHaveLength(1);
    h.clock.advance(h.config.CODE_RESEND_SECONDS * 1000);
    expect((await b.post('/migration/phone/send', { phone: '0', channel: 'voice' })).location).toBe('/migration/phone');
    const call = (await codesTo(h, '09011112222'))[0];
    expect(call.channel).toBe('voice');
    expect((await b.get('/migration/phone')).body).toContain('音声電話で認証コードをお知らせしました');
  });

  it('an expired SMS code is refused; a resend after expiry works', async () => {
    const b = browser(h);
    await atPhone(b);
    const code = (await lastCode(h, '09011112222'));
    h.clock.advance(h.config.CODE_TTL_SECONDS * 1000 + 1);
    const late = await b.post('/migration/phone', { code });
    expect(late.status).toBe(422);
    expect(late.body).toContain('認証コードの有効期限が切れています。');
    expect((await b.post('/migration/phone/send', { phone: '0', channel: 'sms' })).location).toBe('/migration/phone');
    expect((await b.post('/migration/phone', { code: (await lastCode(h, '09011112222')) })).location).toBe('/migration/password');
  });

  it('CODE_MAX_FAILURES wrong phone codes lock the phone step until the lock window ends, shown as a clock time; the email step is not locked', async () => {
    const b = browser(h);
    await atPhone(b);
    const right = (await lastCode(h, '09011112222'));
    const wrong = WRONG_CODE;
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
    expect((await other.post('/migration/email-code', { code: (await lastCode(h, 'sep@example.jp')) })).location).toBe('/migration/confirm-email');
  });
});

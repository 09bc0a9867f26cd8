// SPEC §3, M6a, X6 over HTTP: the flow guard, two browsers on one legacy ID, the flow's time shown, the phone step's limits with a fake clock, double clicks.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { codesTo, lastCode, WRONG_CODE } from '../helpers/codes.js';
import { walkTo } from '../helpers/walk.js';
import { h, PASSWORD, MOBILE, startMobile, walkNewEmailToConfirm, type Browser } from './support/migration-edges.js';

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
    expect((await codesTo(h, '09011112222'))).toHaveLength(1);

    const c = browser(h);
    await walkNewEmailToConfirm(c, 'once@example.jp');
    expect((await c.post('/migration/new-email', { email: 'once@example.jp' })).location).toBe('/migration/confirm-email');
    await c.get('/migration/email-code');
    expect((await codesTo(h, 'once@example.jp'))).toHaveLength(1);
  });

  it('a cross-site POST is refused with the styled 403', async () => {
    const b = browser(h);
    await startMobile(b);
    const res = await b.post('/migration/terms', {}, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await h.inspect.rows('flow'))[0]?.step).toBe('terms');
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
    await b.post('/migration/email-code', { code: (await lastCode(h, 'clock@example.jp')) });
    expect((await b.get('/migration/confirm-email')).body).toContain(deadline);
    await b.post('/migration/confirm-email', {});
    expect((await b.get('/migration/phone')).body).toContain(deadline);
    await b.post('/migration/phone', { code: (await lastCode(h, '09011112222')) });
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
    await b.post('/migration/email-code', { code: (await lastCode(h, 'note@example.jp')) });
    bodies.push(['confirm-email', (await b.get('/migration/confirm-email')).body]);
    await b.post('/migration/confirm-email', {});
    bodies.push(['phone', (await b.get('/migration/phone')).body]);
    await b.post('/migration/phone', { code: (await lastCode(h, '09011112222')) });
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

describe('double clicks (two identical POSTs at once)', () => {
  it('send each code once and move the flow once', async () => {
    const b = browser(h);
    await startMobile(b);
    await Promise.all([b.post('/migration/terms', {}), b.post('/migration/terms', {})]);
    await Promise.all([b.post('/migration/email-choice', { choice: 'no' }), b.post('/migration/email-choice', { choice: 'no' })]);
    const entered = await Promise.all([b.post('/migration/new-email', { email: 'dbl@example.jp' }), b.post('/migration/new-email', { email: 'dbl@example.jp' })]);
    for (const r of entered) expect(['/migration/email-code', '/migration/new-email']).toContain(r.location);
    expect((await codesTo(h, 'dbl@example.jp'))).toHaveLength(1);
    const code = (await lastCode(h, 'dbl@example.jp'));
    await Promise.all([b.post('/migration/email-code', { code }), b.post('/migration/email-code', { code })]);
    await Promise.all([b.post('/migration/confirm-email', {}), b.post('/migration/confirm-email', {})]);
    expect((await codesTo(h, '09011112222'))).toHaveLength(1);
    expect((await h.inspect.rows('flow'))[0]?.step).toBe('phone');
    expect((await b.get('/migration/phone')).status).toBe(200);
  });
});

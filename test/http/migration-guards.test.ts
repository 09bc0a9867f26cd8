// SPEC §3 over HTTP on the shared edge holders: the flow guard (skipped steps, expired flows, back and refresh, cross-site posts), two
// browsers on one legacy ID, and double clicks. The deadline shown: migration-deadlines.test.ts; the phone step's limits: migration-phone-limits.test.ts.
import { describe, expect, it } from 'vitest';
import { browser, makeHarness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { codesTo, lastCode } from '../helpers/codes.js';
import { h, PASSWORD, startMobile, walkNewEmailToConfirm } from './support/migration-edges.js';

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

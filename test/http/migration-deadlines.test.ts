// SPEC X6 and M1 over HTTP: every step before completion says by when the procedure must be finished, and every page with a cancel
// button says beforehand that sign-in is needed again.
import { describe, expect, it } from 'vitest';
import { browser } from '../helpers/app.js';
import { lastCode } from '../helpers/codes.js';
import { h, startMobile } from './support/migration-edges.js';

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

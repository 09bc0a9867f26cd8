// The README's demo walk-throughs for reset, new My ID, settings and terms, over the real demo data set (src/cli/demo.csv).
import { beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/cli/seed-demo.js';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { lastCode } from '../helpers/codes.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  await seedDemo(h.deps);
});


describe('demo data', () => {
  it('R: locked@example.jp is locked, and usable again after a reset (mobile 090-4444-5555)', async () => {
    expect((await browser(h).post('/login', { id: 'locked@example.jp', password: 'Demo#2025lock' })).body).toContain('IDが無効となっています');
    const b = browser(h);
    await b.get('/reset');
    expect((await b.post('/reset', { email: 'locked@example.jp' })).location).toBe('/reset/email-code');
    expect((await b.post('/reset/email-code', { code: (await lastCode(h, 'locked@example.jp')) })).location).toBe('/reset/phone');
    expect((await b.post('/reset/phone', { code: (await lastCode(h, '09044445555')) })).location).toBe('/reset/password');
    expect((await b.post('/reset/password', { password: 'Umi!Kaze2026', confirm: 'Umi!Kaze2026' })).location).toBe('/reset/done');
    expect((await browser(h).post('/login', { id: 'locked@example.jp', password: 'Umi!Kaze2026' })).location).toBe('/top');
  });

  it('G: card 4980-1234-0066-0060 + 2000-01-15 (initial ID init-demo) makes a new My ID and retires the initial ID', async () => {
    const b = browser(h);
    await b.get('/register');
    expect((await b.post('/register', { card: '4980 1234 0066 0060', birthdate: '2000-01-15' })).location).toBe('/register/phone');
    expect((await b.post('/register/phone', { code: (await lastCode(h, '08011112222')) })).location).toBe('/register/terms');
    expect((await b.post('/register/terms', {})).location).toBe('/register/email');
    expect((await b.post('/register/email', { email: 'sho.new@example.jp' })).location).toBe('/register/email-code');
    expect((await b.post('/register/email-code', { code: (await lastCode(h, 'sho.new@example.jp')) })).location).toBe('/register/password');
    expect((await b.post('/register/password', { password: 'Umi!Kaze2026', confirm: 'Umi!Kaze2026' })).location).toBe('/register/done');
    expect((await browser(h).post('/login', { id: 'init-demo', password: 'demo-init-1' })).status).toBe(422);
    expect((await browser(h).post('/login', { id: 'sho.new@example.jp', password: 'Umi!Kaze2026' })).location).toBe('/top');
  });

  it('G: card 4980-1234-0077-0075 + 1980-09-30 replaces member@example.jp, which is closed and told', async () => {
    const b = browser(h);
    await b.get('/register');
    await b.post('/register', { card: '4980123400770075', birthdate: '1980-09-30' });
    await b.post('/register/phone', { code: (await lastCode(h, '09022223333')) });
    await b.post('/register/terms', {});
    await b.post('/register/email', { email: 'yuko.new@example.jp' });
    await b.post('/register/email-code', { code: (await lastCode(h, 'yuko.new@example.jp')) });
    expect((await b.post('/register/password', { password: 'Umi!Kaze2026', confirm: 'Umi!Kaze2026' })).location).toBe('/register/done');
    expect((await h.outbox()).find((m) => m.to === 'member@example.jp' && !m.code)!.subject).toBe('【My Card】My ID廃止のお知らせ');
    expect((await browser(h).post('/login', { id: 'member@example.jp', password: 'Demo#2025pass' })).status).toBe(422);
    const top = await browser(h).post('/login', { id: 'yuko.new@example.jp', password: 'Umi!Kaze2026' });
    expect(top.location).toBe('/top');
  });

  it('T2/T4: member@example.jp reaches the settings; with a new TERMS_VERSION every member sees the terms first', async () => {
    const b = browser(h);
    await b.post('/login', { id: 'member@example.jp', password: 'Demo#2025pass' });
    expect((await b.get('/settings')).status).toBe(200);

    const later = await makeHarness({ TERMS_VERSION: '2099-01' });
    await seedDemo({ ...later.deps, config: h.config });
    const c = browser(later);
    await c.post('/login', { id: 'member@example.jp', password: 'Demo#2025pass' });
    expect((await c.get('/top')).location).toBe('/terms?next=%2Ftop');
  });
});

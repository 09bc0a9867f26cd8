// The README's migration demo sign-ins, over the real demo data set (src/cli/demo.csv): each walks the path the README names.
import { beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/cli/seed-demo.js';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { lastCode } from '../helpers/codes.js';

const PASSWORD = 'Umi!Kaze2026';
let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  await seedDemo(h.deps);
});

type Browser = ReturnType<typeof browser>;

async function signIn(id: string, password: string): Promise<Browser> {
  const b = browser(h);
  await b.get('/login');
  const res = await b.post('/login', { id, password });
  expect(res.location, id).toBe('/migration/terms');
  return b;
}

async function finish(b: Browser, myId: string) {
  expect((await b.post('/migration/password', { password: PASSWORD, confirm: PASSWORD })).location).toBe('/migration/done');
  expect((await b.get('/migration/done')).body).toContain('<a class="button" href="/login">');
  const member = browser(h);
  // the done page's link opens sign-in with the new My ID already in the ID field, without the address in the URL
  expect((await b.get('/login')).body).toMatch(new RegExp(`<input[^>]*id="id"[^>]*value="${myId.replace(/\./g, '\\.')}"|<input[^>]*value="${myId.replace(/\./g, '\\.')}"[^>]*id="id"`));
  // only the browser that completed the flow: another one is not told the address
  expect((await member.get('/login')).body).not.toContain(`value="${myId}"`);
  expect((await member.post('/login', { id: myId, password: PASSWORD })).location).toBe('/top');
}

const linkedCards = async (email: string) => {
  const account = (await h.inspect.rows('account')).find((rec) => rec.email === email)!;
  return (await h.inspect.rows('account_card')).filter((rec) => rec.accountId === account.id).length;
};

describe('README demo migrations', () => {
  it('demo-sms: keep the card email, SMS to 090-1234-5678', async () => {
    const b = await signIn('demo-sms', 'demo-pass-1');
    expect((await b.post('/migration/terms', {})).location).toBe('/migration/email-choice');
    expect((await b.post('/migration/email-choice', { choice: 'yes' })).location).toBe('/migration/phone');
    expect((await b.post('/migration/phone', { code: (await lastCode(h, '09012345678')) })).location).toBe('/migration/password');
    await finish(b, 'taro.yamada@example.jp');
  });

  it('demo-voice: new email with its code, then a voice call to the only (landline) number', async () => {
    const b = await signIn('demo-voice', 'demo-pass-2');
    await b.post('/migration/terms', {});
    expect((await b.post('/migration/email-choice', { choice: 'no' })).location).toBe('/migration/new-email');
    await b.post('/migration/new-email', { email: 'ichiro.new@example.jp' });
    expect((await b.post('/migration/email-code', { code: (await lastCode(h, 'ichiro.new@example.jp')) })).location).toBe('/migration/confirm-email');
    expect((await b.post('/migration/confirm-email', {})).location).toBe('/migration/phone');
    expect((await h.outbox()).filter((m) => m.to === '0312345678')).toHaveLength(0);
    expect((await b.post('/migration/phone/send', { phone: '0', channel: 'voice' })).location).toBe('/migration/phone');
    expect((await b.post('/migration/phone', { code: (await lastCode(h, '0312345678')) })).location).toBe('/migration/password');
    await finish(b, 'ichiro.new@example.jp');
    expect((await h.inspect.rows('card')).filter((c) => c.email === 'ichiro.suzuki@example.com')).toHaveLength(0);
  });

  it('demo-both: both kinds of phone offered', async () => {
    const b = await signIn('demo-both', 'demo-pass-3');
    await b.post('/migration/terms', {});
    await b.post('/migration/email-choice', { choice: 'yes' });
    const page = await b.get('/migration/phone');
    expect(page.body).toContain('***-****-6789');
    expect(page.body).toContain('***-***-5678'); // a landline keeps its own shape (issue 19 item 5)
    expect(page.body).toContain('type="radio"');
    expect((await b.post('/migration/phone', { code: (await lastCode(h, '08023456789')) })).location).toBe('/migration/password');
    await finish(b, 'misaki.takahashi@example.jp');
  });

  it('demo-multi: the two ken.tanaka cards are linked and demo-multi2 is retired; demo-multi3 stays separate and can migrate itself', async () => {
    const b = await signIn('demo-multi', 'demo-pass-4');
    await b.post('/migration/terms', {});
    await b.post('/migration/email-choice', { choice: 'yes' });
    await b.post('/migration/phone', { code: (await lastCode(h, '07034567890')) });
    await finish(b, 'ken.tanaka@example.jp');
    expect(await linkedCards('ken.tanaka@example.jp')).toBe(2);
    const other = browser(h);
    await other.get('/login');
    expect((await other.post('/login', { id: 'demo-multi2', password: 'demo-pass-5' })).status).toBe(422);
    const office = await signIn('demo-multi3', 'demo-pass-6');
    await office.post('/migration/terms', {});
    await office.post('/migration/email-choice', { choice: 'yes' });
    h.clock.advance(h.config.CODE_RESEND_SECONDS * 1000);
    await office.post('/migration/phone/send', { phone: '0', channel: 'sms' });
    await office.post('/migration/phone', { code: (await lastCode(h, '07034567890')) });
    await finish(office, 'ken.office@example.com');
    expect(await linkedCards('ken.office@example.com')).toBe(1);
  });

  it('demo-taken: はい shows the guide message and asks for another address', async () => {
    const b = await signIn('demo-taken', 'demo-pass-7');
    await b.post('/migration/terms', {});
    expect((await b.post('/migration/email-choice', { choice: 'yes' })).location).toBe('/migration/new-email');
    expect((await b.get('/migration/new-email')).body).toContain('クレジットカードに登録されているメールアドレスは既にMy IDとして登録されています。');
  });

  it('demo-noemail: the terms lead straight to the new-email page', async () => {
    const b = await signIn('demo-noemail', 'demo-pass-9');
    expect((await b.post('/migration/terms', {})).location).toBe('/migration/new-email');
  });

  it('init-demo: an initial ID migrates and is used up', async () => {
    const b = await signIn('init-demo', 'demo-init-1');
    await b.post('/migration/terms', {});
    await b.post('/migration/email-choice', { choice: 'yes' });
    await b.post('/migration/phone', { code: (await lastCode(h, '08011112222')) });
    await finish(b, 'sho.watanabe@example.jp');
    const again = browser(h);
    await again.get('/login');
    expect((await again.post('/login', { id: 'init-demo', password: 'demo-init-1' })).status).toBe(422);
  });

  it('demo-done: the legacy ID of a migrated card gets the generic L4 error', async () => {
    const b = browser(h);
    await b.get('/login');
    const res = await b.post('/login', { id: 'demo-done', password: 'demo-pass-8' });
    expect(res.status).toBe(422);
    expect(res.body).toContain('入力されたIDとパスワードではログインできません。');
  });
});

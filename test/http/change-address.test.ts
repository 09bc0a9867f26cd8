// SPEC M4: a mistyped (valid-looking) address can be corrected from the email-code step of migration, new My ID and My ID change.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { type Browser, GOOD_PASSWORD, walkTo } from '../helpers/walk.js';
import { lastCode } from '../helpers/codes.js';

const A = 'mistyped@example.jp';
const B = 'right@example.jp';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});

/**
 * On the code step for A: the change button, a change that sends nothing, the code step now sending back to the
 * address step (prefilled with A), then B; A's code is refused and B's code moves on to `after`.
 */
async function correctAddress(b: Browser, base: string, addressStep: string, after: string) {
  const codeA = (await lastCode(h, A));
  const page = await b.get(`${base}/email-code`);
  expect(page.body).toContain(`action="${base}/email-code/change"`);
  expect(page.body).toContain('メールアドレスを変更する</button>');
  const sent = (await h.outbox()).length;
  const change = await b.post(`${base}/email-code/change`, {});
  expect(change.status).toBe(303);
  expect(change.location).toBe(addressStep);
  expect((await b.get(`${base}/email-code`)).location).toBe(addressStep);
  const form = await b.get(addressStep);
  expect(form.status).toBe(200);
  expect(form.body).toMatch(new RegExp(`<input[^>]*id="email"[^>]*value="${A}"`));
  expect((await h.outbox())).toHaveLength(sent);

  expect((await b.post(addressStep, { email: B })).location).toBe(`${base}/email-code`);
  expect((await h.outbox())).toHaveLength(sent + 1);
  expect((await b.get(`${base}/email-code`)).body).toContain(B) // shown as typed (issue 19 item 4);
  const old = await b.post(`${base}/email-code`, { code: codeA });
  expect(old.status).toBe(422);
  expect((await b.post(`${base}/email-code`, { code: (await lastCode(h, B)) })).location).toBe(after);
}

const accountOf = async (email: string) => (await h.inspect.rows('account')).find((rec) => rec.email === email);

describe('migration: new email → email code → change → new email', () => {
  it('sends the code to the corrected address, refuses the first code, and registers the corrected address', async () => {
    await addHolder(h, { legacyId: 'fix-01', cards: [{ email: 'card@example.jp' }] });
    const b = await walkTo(h, 'migration', 'email-code', { id: 'fix-01', email: A });
    await correctAddress(b, '/migration', '/migration/new-email', '/migration/confirm-email');
    expect((await b.get('/migration/confirm-email')).body).toContain(`${B} をMy IDとして登録しますか？`);
    expect((await b.post('/migration/confirm-email', {})).location).toBe('/migration/phone');
    await b.post('/migration/phone', { code: (await lastCode(h, '09012345678')) });
    expect((await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/migration/done');
    expect(await accountOf(B)).toBeDefined();
    expect(await accountOf(A)).toBeUndefined();
    expect((await h.inspect.rows('card'))[0]!.email).toBe(B);
  });
});

describe('new My ID (G2): email → email code → change → email', () => {
  it('sends the code to the corrected address, refuses the first code, and creates the account with it', async () => {
    await addHolder(h, { birthdate: '1979-11-03', phones: ['09033334444'], cards: [{ number: '4980123412345678', email: 'card@example.jp' }] });
    const b = browser(h);
    await b.get('/register');
    expect((await b.post('/register', { card: '4980123412345678', birthdate: '1979-11-03' })).location).toBe('/register/phone');
    await b.post('/register/phone', { code: (await lastCode(h, '09033334444')) });
    expect((await b.post('/register/terms', {})).location).toBe('/register/email');
    expect((await b.post('/register/email', { email: A })).location).toBe('/register/email-code');
    await correctAddress(b, '/register', '/register/email', '/register/password');
    expect((await b.post('/register/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/register/done');
    expect(await accountOf(B)).toBeDefined();
    expect(await accountOf(A)).toBeUndefined();
  });
});

describe('My ID change (T2): email code → change → the address step of the flow', () => {
  const EMAIL = 'hanako@example.jp';
  const PASSWORD = 'Sakura#2025x';

  it('sends the code to the corrected address, refuses the first code, and changes the My ID to it', async () => {
    const made = await addHolder(h, { cards: [{ email: EMAIL }], account: { email: EMAIL, password: PASSWORD } });
    const b = browser(h);
    await b.post('/login', { id: EMAIL, password: PASSWORD });
    await b.get('/settings/my-id');
    expect((await b.post('/settings/my-id', { email: A })).location).toBe('/settings/my-id/email-code');
    await correctAddress(b, '/settings/my-id', '/settings/my-id/email', '/settings/my-id/confirm');
    expect((await b.get('/settings/my-id/confirm')).body).toContain(B);
    expect((await b.post('/settings/my-id/confirm', { current: PASSWORD })).location).toBe('/settings?done=my-id');
    expect((await h.inspect.rows('account')).find((rec) => rec.id === made.account!.id)!.email).toBe(B);
  });

  it('the address step refuses what the first form refuses, and belongs to the member who started it', async () => {
    await addHolder(h, { account: { email: 'taken@example.jp', password: PASSWORD } });
    await addHolder(h, { account: { email: EMAIL, password: PASSWORD } });
    const b = browser(h);
    await b.post('/login', { id: EMAIL, password: PASSWORD });
    await b.get('/settings/my-id');
    await b.post('/settings/my-id', { email: A });
    await b.post('/settings/my-id/email-code/change', {});
    const bad = await b.post('/settings/my-id/email', { email: 'hanako@' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('メールアドレスの入力に誤りがあります。');
    expect(bad.body).toContain('value="hanako@"');
    expect((await b.post('/settings/my-id/email', { email: 'HANAKO@example.jp' })).body).toContain('現在のMy IDと同じメールアドレスです。');
    expect((await b.post('/settings/my-id/email', { email: 'taken@example.jp' })).status).toBe(409);

    const intruder = browser(h);
    await intruder.post('/login', { id: 'taken@example.jp', password: PASSWORD });
    intruder.jar.set('flow', b.jar.get('flow')!);
    expect((await intruder.post('/settings/my-id/email', { email: 'other@example.jp' })).location).toBe('/settings');
    expect((await h.inspect.rows('flow'))[0]).toMatchObject({ step: 'email', email: A });
  });
});

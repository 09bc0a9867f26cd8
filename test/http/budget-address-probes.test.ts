// SPEC S2: probing for taken addresses is rationed — every valid address submitted in M3, G2 or T2 counts, taken or not:
// EMAIL_TAKEN_MAX_PER_FLOW (3) per flow, then the next submission ends the flow; EMAIL_TAKEN_MAX_PER_DAY (10) per
// holder/account in 24 hours, past which the flow ends at the first submission. Issue 14's finding: "already a My ID"
// answers were an unlimited oracle (100 probes in 0.87 s).
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { GOOD_PASSWORD, startMigration, type Browser } from '../helpers/walk.js';
import { lastCode } from '../helpers/codes.js';

const DAY = 86_400_000;
const TAKEN = ['someone@example.jp', 'other@example.jp', 'third@example.jp', 'fourth@example.jp'];
const ENDED = 'メールアドレスの入力回数が上限に達したため、お手続きを終了しました。ログイン画面から再度お手続きください。';
const ENDED_DAY = '24時間以内のメールアドレスの入力回数が上限に達したため、お手続きを終了しました。しばらく時間をおいて再度お手続きください。';
const UNAVAILABLE = 'ご入力いただいたメールアドレスはご利用いただけません。';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  for (const email of TAKEN) await addHolder(h, { account: { email, password: 'Sakura#2025x' } });
  await addHolder(h, { legacyId: 'taro-01', legacyPassword: 'old-pass-1', phones: ['09011112222'], cards: [{ email: null }] });
});

const events = async (event: string) => (await h.inspect.rows('audit_log')).filter((r) => r.event === event).map((r) => ({ ...r, detail: JSON.parse(r.detail ?? '{}') as Record<string, unknown> }));
const migrationFlows = async () => (await h.inspect.rows('flow')).filter((f) => f.kind === 'migration');

/** A fresh migration at M3 (the card has no email). */
async function atNewEmail(): Promise<Browser> {
  const { b, location } = await startMigration(h, 'taro-01', 'old-pass-1');
  expect(location).toBe('/migration/new-email');
  return b;
}

const submit = (b: Browser, email: string) => b.post('/migration/new-email', { email });

describe('S2 per flow', () => {
  it('regression: the 4th address ends the flow — 3 "already a My ID" answers, then sign-in with the message, whatever the address', async () => {
    const b = await atNewEmail();
    for (const email of TAKEN.slice(0, 3)) {
      const r = await submit(b, email);
      expect(r.status).toBe(409);
      expect(r.body).toContain(UNAVAILABLE);
    }
    const fourth = await submit(b, TAKEN[3]);
    expect(fourth.status).toBe(303);
    expect(fourth.location).toBe('/login?flow=addresses');
    expect(fourth.body).not.toContain(UNAVAILABLE);
    const signIn = await b.get(fourth.location!);
    expect(signIn.body).toContain(ENDED);
    expect(signIn.body).toContain('href="/help#address-budget"');
    // the flow is over: its steps lead back to sign-in, and nothing more is answered
    expect((await migrationFlows())[0].endedAt).toBe(h.clock.now());
    expect((await b.get('/migration/new-email')).location).toMatch(/^\/login/);
    expect((await submit(b, TAKEN[3])).status).not.toBe(409);

    expect(await events('email_taken')).toHaveLength(3);
    expect(await events('email_budget_spent')).toMatchObject([{ subject: 'holder:5', detail: { budget: 'flow', inFlow: 3, inDay: 3 } }]);
    expect(await h.inspect.count('address_submission')).toBe(3);
  });

  it('the ending submission is answered alike for a free and a taken address, and a free one gets no code', async () => {
    const answers: string[] = [];
    for (const last of ['free@example.jp', TAKEN[3]]) {
      const b = await atNewEmail();
      for (const email of TAKEN.slice(0, 3)) await submit(b, email);
      const r = await submit(b, last);
      answers.push(`${r.status} ${r.location}`);
    }
    expect(answers).toEqual(['303 /login?flow=addresses', '303 /login?flow=addresses']);
    expect((await h.outbox()).some((m) => m.to === 'free@example.jp')).toBe(false);
  });

  it('an invalid address is a form error, not counted; M2 はい on a taken card email is audited, not counted', async () => {
    await addHolder(h, { legacyId: 'jiro-02', legacyPassword: 'old-pass-2', cards: [{ email: TAKEN[0] }] });
    const { b } = await startMigration(h, 'jiro-02', 'old-pass-2');
    expect((await b.post('/migration/email-choice', { choice: 'yes' })).location).toBe('/migration/new-email');
    expect((await submit(b, 'not-an-address')).status).toBe(400);
    expect((await submit(b, 'a@@example.jp')).status).toBe(400);
    for (const email of TAKEN.slice(1, 4)) expect((await submit(b, email)).status).toBe(409);
    expect(await events('email_taken')).toHaveLength(4);
    expect(await h.inspect.count('address_submission')).toBe(3);
  });

  it('an honest member who mistypes an address once (or meets a taken one) meets no budget and completes', async () => {
    const b = await atNewEmail();
    expect((await submit(b, 'taro@exampel.jp')).location).toBe('/migration/email-code');
    expect((await b.post('/migration/email-code/change', {})).location).toBe('/migration/new-email');
    expect((await submit(b, TAKEN[0])).status).toBe(409);
    expect((await submit(b, 'taro@example.jp')).location).toBe('/migration/email-code');
    await b.post('/migration/email-code', { code: await lastCode(h, 'taro@example.jp') });
    expect((await b.post('/migration/confirm-email', {})).location).toBe('/migration/phone');
    await b.post('/migration/phone', { code: await lastCode(h, '09011112222') });
    expect((await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD })).location).toBe('/migration/done');
    expect(await events('email_budget_spent')).toHaveLength(0);
  });
});

describe('S2 per holder in 24 hours', () => {
  it('10 addresses in 24 hours across flows; past that a flow ends at its first submission, until the oldest is a day old', async () => {
    const t0 = h.clock.now();
    const statuses: number[] = [];
    for (let flow = 0; flow < 3; flow++) {
      h.clock.set(t0 + flow * 60_000);
      const b = await atNewEmail();
      for (const email of TAKEN.slice(0, 3)) statuses.push((await submit(b, email)).status);
    }
    h.clock.set(t0 + 10 * 60_000);
    const fourth = await atNewEmail();
    statuses.push((await submit(fourth, TAKEN[0])).status);
    expect(statuses).toEqual(Array(10).fill(409));
    const eleventh = await submit(fourth, TAKEN[1]);
    expect(eleventh.location).toBe('/login?flow=addresses-day');
    expect((await fourth.get(eleventh.location!)).body).toContain(ENDED_DAY);

    // a new flow ends at its first submission, free address or not, and sends nothing
    const fifth = await atNewEmail();
    const sends = (await h.outbox()).length;
    expect((await submit(fifth, 'free@example.jp')).location).toBe('/login?flow=addresses-day');
    expect(await h.outbox()).toHaveLength(sends);
    expect((await events('email_budget_spent')).map((e) => e.detail.budget)).toEqual(['day', 'day']);
    expect(await events('email_taken')).toHaveLength(10);

    // the first flow's three leave the window a day after them: three more may be answered
    h.clock.set(t0 + DAY);
    const next = await atNewEmail();
    expect((await submit(next, TAKEN[0])).status).toBe(409);
    expect((await submit(next, 'free@example.jp')).location).toBe('/migration/email-code');
  });
});

describe('S2 in G2 and T2', () => {
  it('G2: the 4th address ends the flow back to sign-in', async () => {
    await addHolder(h, { birthdate: '1980-02-03', phones: ['09033334444'], cards: [{ number: '4980123412345678', email: null }] });
    const b = browser(h);
    await b.get('/register');
    expect((await b.post('/register', { card: '4980123412345678', birthdate: '1980-02-03' })).location).toBe('/register/phone');
    await b.post('/register/phone', { code: await lastCode(h, '09033334444') });
    expect((await b.post('/register/terms', {})).location).toBe('/register/email');
    for (const email of TAKEN.slice(0, 3)) expect((await b.post('/register/email', { email })).status).toBe(409);
    const fourth = await b.post('/register/email', { email: 'free@example.jp' });
    expect(fourth.location).toBe('/login?flow=addresses');
    expect((await b.get('/register/email')).location).toMatch(/^\/login/);
    expect((await h.outbox()).some((m) => m.to === 'free@example.jp')).toBe(false);
  });

  it('T2: the first address starts the flow and the 4th ends it back to the settings, with the message', async () => {
    await addHolder(h, { account: { email: 'hanako@example.jp', password: 'Momiji#2025y' } });
    const b = browser(h);
    await b.post('/login', { id: 'hanako@example.jp', password: 'Momiji#2025y' });
    await b.get('/settings/my-id');
    // the same address as now is the member's own: a form error, not counted
    expect((await b.post('/settings/my-id', { email: 'hanako@example.jp' })).status).toBe(400);
    const first = await b.post('/settings/my-id', { email: TAKEN[0] });
    expect(first.status).toBe(409);
    expect(first.body).toContain('action="/settings/my-id/email"');
    for (const email of TAKEN.slice(1, 3)) expect((await b.post('/settings/my-id/email', { email })).status).toBe(409);
    const fourth = await b.post('/settings/my-id/email', { email: 'free@example.jp' });
    expect(fourth.location).toBe('/settings?done=addresses');
    const settings = await b.get(fourth.location!);
    expect(settings.body).toContain('メールアドレスの入力回数が上限に達したため、My IDの変更を終了しました。もう一度お手続きください。');
    const account = (await h.inspect.rows('account')).find((a) => a.email === 'hanako@example.jp')!;
    expect(await events('email_budget_spent')).toMatchObject([{ accountId: account.id, subject: `account:${account.id}`, detail: { budget: 'flow' } }]);
    expect((await h.outbox()).some((m) => m.to === 'free@example.jp')).toBe(false);
    // nothing about the account changed
    expect(account.email).toBe('hanako@example.jp');
  });
});

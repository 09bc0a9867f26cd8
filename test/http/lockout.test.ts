// SPEC L5, X5: LOGIN_MAX_FAILURES consecutive failures lock an identifier — My ID, legacy ID, initial ID, unknown ID — over HTTP.
import { beforeEach, describe, expect, it } from 'vitest';
import { identifierHash } from '../../src/auth/lockout.js';
import { seedDemo, DEMO_LOCKED_ID } from '../../src/cli/seed-demo.js';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { walkTo } from '../helpers/walk.js';

const GENERIC = '入力されたIDとパスワードではログインできません。';
const LOCKED_MY_ID = 'パスワードを一定回数以上誤って入力されたため、IDが無効となっています。';
const LOCKED_LEGACY = '入力されたIDはロックされているためログインできません。';
const NOTICE_SUBJECT = '【My Card】アカウント停止のお知らせ / [My Card] Your ID has been locked';

let h: Harness;
const N = 5;

beforeEach(async () => {
  h = await makeHarness({ LOGIN_MAX_FAILURES: String(N) });
  await addHolder(h, { account: { email: 'hanako@example.jp', password: 'Sakura#2025x' }, cards: [{ email: 'hanako@example.jp' }] });
  await addHolder(h, { legacyId: 'Taro-01', legacyPassword: 'legacy-pass', cards: [{ email: 'taro@example.jp' }] });
  await addHolder(h, { initialId: 'init-7788', initialPassword: 'initial-pass', cards: [{ email: 'ken@example.jp' }] });
});

const notices = async () => (await h.outbox()).filter((m) => m.subject === NOTICE_SUBJECT);
const audit = async (event: string) => (await h.inspect.rows('audit_log')).filter((rec) => rec.event === event);

/** Posts wrong passwords and returns the responses. */
async function fail(b: ReturnType<typeof browser>, id: string, times: number) {
  const out = [];
  for (let i = 0; i < times; i++) out.push(await b.post('/login', { id, password: `wrong-${i}` }));
  return out;
}

describe.each([
  { kind: 'My ID', id: 'hanako@example.jp', password: 'Sakura#2025x', message: LOCKED_MY_ID, to: 'hanako@example.jp', links: ['/reset', '/register'] },
  { kind: 'legacy ID', id: 'taro-01', password: 'legacy-pass', message: LOCKED_LEGACY, to: 'taro@example.jp', links: ['/register'] },
  { kind: 'initial ID', id: 'init-7788', password: 'initial-pass', message: LOCKED_LEGACY, to: 'ken@example.jp', links: ['/register'] },
])('L5 lock of a $kind', ({ id, password, message, to, links }) => {
  it(`locks after exactly ${N} failures, shows the guide's lock message with its links, and a right password does not unlock`, async () => {
    const b = browser(h);
    const before = await fail(b, id, N - 1);
    for (const res of before) {
      expect(res.status).toBe(422);
      expect(res.body).toContain(GENERIC);
      expect(res.body).not.toContain(message);
    }
    expect((await notices())).toHaveLength(0);

    const locking = (await fail(b, id, 1))[0];
    expect(locking.status).toBe(422);
    expect(locking.body).toContain(message);
    expect(locking.body).not.toContain(GENERIC);
    for (const link of links) expect(locking.body).toContain(`href="${link}"`);

    const right = await b.post('/login', { id, password });
    expect(right.status).toBe(422);
    expect(right.body).toContain(message);
    expect(right.res.headers.getSetCookie().some((c) => c.startsWith('sid=') || c.startsWith('flow='))).toBe(false);
    expect((await h.inspect.rows('session'))).toHaveLength(0);
    expect((await h.inspect.rows('flow'))).toHaveLength(0);

    const row = (await h.inspect.rows('sign_in_attempt')).find((rec) => rec.identifierHash === identifierHash(h.config.SECRET, id));
    expect(row?.failures).toBe(N);
    expect(row?.lockedAt).toBe(h.clock.now());
  });

  it('the locking failure emails the notice once, naming the ID and what to do; later attempts send nothing more', async () => {
    const b = browser(h);
    await fail(b, id, N + 3);
    await b.post('/login', { id, password });
    const sent = (await notices());
    expect(sent).toHaveLength(1);
    expect(sent[0].channel).toBe('email');
    expect(sent[0].to).toBe(to);
    expect(sent[0].text).toContain(`ID：${id}`);
    expect(sent[0].text).toContain(links.includes('/reset') ? 'パスワードをお忘れの方はこちら' : 'My ID作成はこちら');
    expect(await audit('sign_in_locked')).toHaveLength(1);
  });

  it('the notice is in Japanese and English whatever the language of the browser that locked the ID (it is not the owner’s choice)', async () => {
    const b = browser(h);
    await b.get('/login?lang=en');
    await fail(b, id, N);
    const [sent] = (await notices());
    expect(sent.subject).toBe(NOTICE_SUBJECT);
    expect(sent.text).toContain(`ID：${id}`);
    expect(sent.text).toContain(`ID: ${id}`);
    expect(sent.text).toContain('You cannot sign in with this ID, even with the right password.');
    expect(sent.text.indexOf('ID：')).toBeLessThan(sent.text.indexOf('ID: '));
  });

  it('a success before the limit resets the count', async () => {
    const b = browser(h);
    await fail(b, id, N - 1);
    const ok = await browser(h).post('/login', { id, password });
    expect(ok.status).toBe(303);
    const again = await fail(browser(h), id, N - 1);
    expect(again.every((r) => r.status === 422 && r.body.includes(GENERIC))).toBe(true);
    expect((await browser(h).post('/login', { id, password })).status).toBe(303);
  });
});

describe('L5 counting per normalised identifier', () => {
  it('full-width, upper-case and padded spellings of one ID count together', async () => {
    const spellings = ['HANAKO@example.jp', 'ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ', ' hanako@example.jp\u3000', 'Hanako@Example.JP', 'hanako@example.jp\u200b'];
    const b = browser(h);
    const res = [];
    for (const [i, id] of spellings.entries()) res.push(await b.post('/login', { id, password: `wrong-${i}` }));
    expect(res.slice(0, N - 1).every((r) => r.body.includes(GENERIC))).toBe(true);
    expect(res[N - 1].body).toContain(LOCKED_MY_ID);
  });

  it('failures on one ID do not touch another', async () => {
    await fail(browser(h), 'taro-01', N);
    expect((await browser(h).post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' })).status).toBe(303);
  });

  it('an unknown ID is "locked" after the same number of failures, and no email goes anywhere', async () => {
    const b = browser(h);
    const res = await fail(b, 'nobody@example.jp', N + 1);
    expect(res.slice(0, N - 1).every((r) => r.status === 422 && r.body.includes(GENERIC))).toBe(true);
    expect(res[N - 1].body).toContain(LOCKED_MY_ID);
    expect(res[N].body).toContain(LOCKED_MY_ID);
    const legacy = await fail(b, 'no-such-legacy', N);
    expect(legacy[N - 1].body).toContain(LOCKED_LEGACY);
    expect((await h.outbox())).toHaveLength(0);
    expect(await audit('sign_in_locked')).toHaveLength(2);
  });

  it('an already-migrated legacy ID fails like any other and locks, with the notice to its card email', async () => {
    const { legacy } = await addHolder(h, {
      legacyId: 'moved-01',
      legacyPassword: 'moved-pass',
      cards: [{ email: 'moved@example.jp' }],
      account: { email: 'moved@example.jp', password: 'Moved#2025x' },
    });
    await h.inspect.update('credential', legacy!.id, { retiredAt: h.clock.now() });
    const res = await fail(browser(h), 'moved-01', N - 1);
    expect(res.every((r) => r.body.includes(GENERIC))).toBe(true);
    const locking = await browser(h).post('/login', { id: 'moved-01', password: 'moved-pass' });
    expect(locking.body).toContain(LOCKED_LEGACY);
    expect((await notices()).map((m) => m.to)).toEqual(['moved@example.jp']);
  });
});

describe('L5 exact under concurrency', () => {
  it(`${3 * N} simultaneous wrong passwords: the count stops at ${N}, one lock, one notice`, async () => {
    const b = browser(h);
    await b.get('/login');
    const res = await Promise.all(Array.from({ length: 3 * N }, (_, i) => b.post('/login', { id: 'hanako@example.jp', password: `wrong-${i}` })));
    expect(res.every((r) => r.status === 422)).toBe(true);
    expect(res.filter((r) => r.body.includes(GENERIC))).toHaveLength(N - 1);
    expect(res.filter((r) => r.body.includes(LOCKED_MY_ID))).toHaveLength(2 * N + 1);
    const row = (await h.inspect.rows('sign_in_attempt'))[0];
    expect(row?.failures).toBe(N);
    expect((await notices())).toHaveLength(1);
    expect(await audit('sign_in_locked')).toHaveLength(1);
  });

  it('a right password racing the locking failure never signs in once the lock is written', async () => {
    const b = browser(h);
    await fail(b, 'hanako@example.jp', N - 1);
    const [wrong, right] = await Promise.all([
      b.post('/login', { id: 'hanako@example.jp', password: 'wrong-last' }),
      browser(h).post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' }),
    ]);
    const row = (await h.inspect.rows('sign_in_attempt'))[0];
    if (right.status === 303) {
      // the success was counted first: it reset the count, so the wrong one is failure 1
      expect(wrong.body).toContain(GENERIC);
      expect(row?.failures).toBe(1);
    } else {
      expect(right.body).toContain(LOCKED_MY_ID);
      expect(row?.lockedAt).not.toBeNull();
      expect((await h.inspect.rows('session'))).toHaveLength(0);
    }
  });
});

describe('L5 ways out and the demo lock', () => {
  it('a completed password reset ends the lock (SPEC R3)', async () => {
    await fail(browser(h), 'hanako@example.jp', N);
    await walkTo(h, 'reset', 'done', { email: 'Hanako@Example.jp', newPassword: 'Kumo#River82' });
    expect((await browser(h).post('/login', { id: 'hanako@example.jp', password: 'Kumo#River82' })).status).toBe(303);
  });

  it("the demo seed's locked My ID is refused with the lock message even with its right password", async () => {
    h = await makeHarness(); // the seed only fills an empty database
    expect((await seedDemo(h.deps)).seeded).toBe(true);
    const res = await browser(h).post('/login', { id: DEMO_LOCKED_ID, password: 'Demo#2025lock' });
    expect(res.status).toBe(422);
    expect(res.body).toContain(LOCKED_MY_ID);
  });
});

describe('X5 audit of sign-in events', () => {
  it('records success, failure and lock with time, account or hashed identifier, and client address', async () => {
    const b = browser(h);
    await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    await fail(browser(h), 'nobody@example.jp', N);
    const success = await audit('sign_in_succeeded');
    expect(success).toHaveLength(1);
    expect(success[0].accountId).not.toBeNull();
    expect(success[0].address).toBe('unknown'); // app.request() has no socket
    expect(success[0].at).toBe(h.clock.now());
    const failed = await audit('sign_in_failed');
    expect(failed).toHaveLength(N);
    expect(failed.every((r) => r.accountId === null && r.subject === identifierHash(h.config.SECRET, 'nobody@example.jp'))).toBe(true);
    expect(JSON.stringify((await h.inspect.rows('audit_log')))).not.toContain('nobody@example.jp');
    expect(await audit('sign_in_locked')).toHaveLength(1);
  });

  it('a legacy sign-in success is logged under its hashed identifier with the credential', async () => {
    await browser(h).post('/login', { id: 'taro-01', password: 'legacy-pass' });
    const [row] = await audit('sign_in_succeeded');
    expect(row.subject).toBe(identifierHash(h.config.SECRET, 'taro-01'));
    expect(JSON.parse(row.detail!)).toHaveProperty('credentialId');
  });
});

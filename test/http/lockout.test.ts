// SPEC L5: LOGIN_MAX_FAILURES consecutive failures lock an identifier — My ID, legacy ID, initial ID, unknown ID — over HTTP,
// counted per normalised identifier.
import { beforeEach, describe, expect, it } from 'vitest';
import { identifierHash } from '../../src/auth/lockout.js';
import { browser, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { auditRows, fail, GENERIC, LOCKED_LEGACY, LOCKED_MY_ID, lockNotices, lockoutHolders, N, NOTICE_SUBJECT } from '../helpers/lockout.js';

let h: Harness;
beforeEach(async () => {
  h = await lockoutHolders();
});

const notices = () => lockNotices(h);
const audit = (event: string) => auditRows(h, event);

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

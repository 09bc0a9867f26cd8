// SPEC M9, M6a, L5 under real concurrency: many simultaneous requests, and the counts and winners come out exact.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser, makeHarness, type Harness } from '../helpers/app.js';
import { addHolder } from '../helpers/fixtures.js';
import { lastCode } from '../helpers/codes.js';

const TAKEN = 'ご入力いただいたメールアドレスはご利用いただけません。';
const MISMATCH = '認証コードが一致しません。';
const CODE_LOCKED = '一定回数以上入力に誤りがあったため、認証機能がロックされました。';
const GENERIC = '入力されたIDとパスワードではログインできません。';
const LOCKED_MY_ID = 'パスワードを一定回数以上誤って入力されたため、IDが無効となっています。';
const LOCKED_LEGACY = '入力されたIDはロックされているためログインできません。';
const PASSWORD = 'Kawa!Nagare77';
const CONTESTED = 'contested@example.jp';

type Browser = ReturnType<typeof browser>;
let h: Harness;
/** The text of a page's error summary (pages may also explain other messages elsewhere). */
const summary = (html: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
// a lock is a page of its own with the message in a notification box, not an input error (issue 19 items 3, 10)
const lockNotice = (html: string) => /<div class="notification"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
const wrongCode = (code: string) => String((Number(code) + 1) % 10_000).padStart(4, '0');
const audit = async (event: string) => (await h.inspect.rows('audit_log')).filter((rec) => rec.event === event);

describe('M9: many flows completing for one email at the same moment', () => {
  const FLOWS = 8;
  beforeEach(async () => {
    // so the contested address can be sent a code by every flow
    h = await makeHarness({ CODE_RESEND_SECONDS: '0', CODE_MAX_SENDS_PER_HOUR: '1000' });
  });

  /** A holder walked through G1–G2 to the password step with CONTESTED verified as its new My ID. */
  async function registrationAtPassword(i: number): Promise<{ b: Browser; holderId: number; cardIds: number[] }> {
    const card = `49801234${String(5000 + i).padStart(8, '0')}`;
    const phone = `0905555${String(1000 + i)}`;
    const made = await addHolder(h, { birthdate: '1981-02-03', phones: [phone], cards: [{ number: card, email: `card${i}@example.jp` }, { number: `49801235${String(5000 + i).padStart(8, '0')}`, email: `card${i}@example.jp` }], legacyId: `racer-${i}`, legacyPassword: 'legacy-pass1' });
    const b = browser(h);
    await b.get('/register');
    expect((await b.post('/register', { card, birthdate: '1981-02-03' })).location).toBe('/register/phone');
    expect((await b.post('/register/phone', { code: (await lastCode(h, phone)) })).location).toBe('/register/terms');
    expect((await b.post('/register/terms', {})).location).toBe('/register/email');
    expect((await b.post('/register/email', { email: CONTESTED })).location).toBe('/register/email-code');
    expect((await b.post('/register/email-code', { code: (await lastCode(h, CONTESTED)) })).location).toBe('/register/password');
    return { b, holderId: made.holder.id, cardIds: made.cards.map((c) => c.id) };
  }

  /** A legacy-ID holder walked through M1–M6 keeping the card's email CONTESTED (M2 はい), at the password step. */
  async function migrationAtPassword(i: number): Promise<{ b: Browser; holderId: number; cardIds: number[]; legacyId: number }> {
    const phone = `0806666${String(1000 + i)}`;
    const made = await addHolder(h, { phones: [phone], cards: [{ number: `49801236${String(5000 + i).padStart(8, '0')}`, email: CONTESTED }], legacyId: `mig-racer-${i}`, legacyPassword: 'legacy-pass1' });
    const b = browser(h);
    expect((await b.post('/login', { id: `mig-racer-${i}`, password: 'legacy-pass1' })).location).toBe('/migration/terms');
    expect((await b.post('/migration/terms', {})).location).toBe('/migration/email-choice');
    expect((await b.post('/migration/email-choice', { choice: 'yes' })).location).toBe('/migration/phone');
    await b.get('/migration/phone'); // SPEC M6 ⑦-1: the SMS goes on arrival
    expect((await b.post('/migration/phone', { code: (await lastCode(h, phone)) })).location).toBe('/migration/password');
    return { b, holderId: made.holder.id, cardIds: made.cards.map((c) => c.id), legacyId: made.legacy!.id };
  }

  /** A signed-in member walked through T2 to the confirm step of a My ID change to CONTESTED. */
  async function myIdChangeAtConfirm(i: number): Promise<{ b: Browser; accountId: number; email: string }> {
    const email = `member${i}@example.jp`;
    const made = await addHolder(h, { account: { email, password: PASSWORD } });
    const b = browser(h);
    expect((await b.post('/login', { id: email, password: PASSWORD })).location).toBe('/top');
    await b.get('/settings/my-id');
    expect((await b.post('/settings/my-id', { email: CONTESTED })).location).toBe('/settings/my-id/email-code');
    expect((await b.post('/settings/my-id/email-code', { code: (await lastCode(h, CONTESTED)) })).location).toBe('/settings/my-id/confirm');
    return { b, accountId: made.account!.id, email };
  }

  it(`${FLOWS} migrations, ${FLOWS} registrations and 2 My ID changes racing for one address: exactly one account has it, the others see M3's error and nothing of theirs changed`, async () => {
    const registrations = [];
    for (let i = 0; i < FLOWS; i++) registrations.push(await registrationAtPassword(i));
    for (let i = 0; i < FLOWS; i++) registrations.push(await migrationAtPassword(i));
    const changes = [await myIdChangeAtConfirm(1), await myIdChangeAtConfirm(2)];
    const credentialsBefore = (await h.inspect.rows('credential'));

    const results = await Promise.all([
      ...registrations.map((r) => r.b.post('legacyId' in r ? '/migration/password' : '/register/password', { password: PASSWORD, confirm: PASSWORD })),
      ...changes.map((c) => c.b.post('/settings/my-id/confirm', { current: PASSWORD })),
    ]);

    const winners = results.filter((r) => r.status === 303);
    const losers = results.filter((r) => r.status !== 303);
    expect(winners).toHaveLength(1);
    expect(losers.map((r) => r.status)).toEqual(Array(2 * FLOWS + 1).fill(409));
    for (const l of losers) expect(l.body).toContain(TAKEN);

    const owners = (await h.inspect.rows('account')).filter((rec) => rec.email === CONTESTED);
    expect(owners).toHaveLength(1);
    const winner = owners[0];
    // the losing registrations made no account and moved no card; the losing changes kept their address
    for (const r of registrations) {
      const accounts = (await h.inspect.rows('account')).filter((rec) => rec.holderId === r.holderId);
      const allLinks = await h.inspect.rows('account_card');
      const links = r.cardIds.flatMap((id) => allLinks.filter((rec) => rec.cardId === id));
      if (winner.holderId === r.holderId) {
        expect(links.map((l) => l.accountId).sort()).toEqual(r.cardIds.map(() => winner.id));
      } else {
        expect(accounts).toEqual([]);
        expect(links).toEqual([]);
      }
    }
    for (const c of changes) {
      const row = (await h.inspect.rows('account')).find((rec) => rec.id === c.accountId)!;
      expect(row.email).toBe(c.accountId === winner.id ? CONTESTED : c.email);
    }
    // only the winner's legacy IDs can have been retired
    const retiredNow = (await h.inspect.rows('credential')).filter((cr) => cr.retiredAt !== null && !credentialsBefore.find((b) => b.id === cr.id)?.retiredAt);
    const winnerCards = new Set(registrations.find((r) => r.holderId === winner.holderId)?.cardIds ?? []);
    for (const cr of retiredNow) expect(winnerCards.has(cr.cardId)).toBe(true);
  }, 60_000);
});

describe('M6a: concurrent wrong codes against one verification', () => {
  const N = 5;
  beforeEach(async () => {
    h = await makeHarness({ CODE_MAX_FAILURES: String(N), CODE_RESEND_SECONDS: '0', CODE_MAX_SENDS_PER_HOUR: '1000' });
    await addHolder(h, { phones: ['09011112222'], account: { email: 'taro@example.jp', password: 'Sakura#2025x' } });
  });

  it(`${4 * N} simultaneous wrong codes against one challenge of one flow: exactly ${N} counted, then the right code is refused too`, async () => {
    const b = browser(h);
    await b.get('/reset');
    expect((await b.post('/reset', { email: 'taro@example.jp' })).location).toBe('/reset/email-code');
    const code = (await lastCode(h, 'taro@example.jp'));
    const results = await Promise.all([...Array.from({ length: 4 * N }, () => b.post('/reset/email-code', { code: wrongCode(code) }))]);
    expect(results.filter((r) => summary(r.body).includes(MISMATCH))).toHaveLength(N - 1);
    expect(results.filter((r) => lockNotice(r.body).includes(CODE_LOCKED))).toHaveLength(3 * N + 1);
    expect((await h.inspect.rows('code_failure'))).toMatchObject([{ failures: N }]);
    expect(await audit('code_locked')).toHaveLength(1);
    expect(lockNotice((await b.post('/reset/email-code', { code })).body)).toContain(CODE_LOCKED);
  });

  it(`${6 * N} simultaneous wrong codes from 3 browsers' flows for one account: exactly ${N} failures counted, the lock at the ${N}th, the right code refused after`, async () => {
    const browsers = [browser(h), browser(h), browser(h)];
    for (const b of browsers) {
      await b.get('/reset');
      expect((await b.post('/reset', { email: 'taro@example.jp' })).location).toBe('/reset/email-code');
    }
    const code = (await lastCode(h, 'taro@example.jp'));
    const results = await Promise.all(Array.from({ length: 6 * N }, (_, i) => browsers[i % 3].post('/reset/email-code', { code: wrongCode(code) })));
    expect(results.every((r) => r.status >= 400 && r.status < 500)).toBe(true);
    expect(results.filter((r) => summary(r.body).includes(MISMATCH))).toHaveLength(N - 1);
    expect(results.filter((r) => lockNotice(r.body).includes(CODE_LOCKED))).toHaveLength(5 * N + 1);
    expect((await h.inspect.rows('code_failure'))).toMatchObject([{ failures: N }]);
    expect(await audit('code_failed')).toHaveLength(N);
    expect(await audit('code_locked')).toHaveLength(1);
    const right = await browsers[2].post('/reset/email-code', { code });
    expect(lockNotice(right.body)).toContain(CODE_LOCKED);
  });
});

describe('L5: concurrent sign-ins for one identifier across the lock threshold', () => {
  const N = 5;
  beforeEach(async () => {
    h = await makeHarness({ LOGIN_MAX_FAILURES: String(N), IP_MAX_FAILURES: '100000' });
    await addHolder(h, { account: { email: 'hanako@example.jp', password: 'Sakura#2025x' }, cards: [{ email: 'hanako@example.jp' }] });
    await addHolder(h, { legacyId: 'Taro-01', legacyPassword: 'legacy-pass', cards: [{ email: 'taro@example.jp' }] });
  });

  it.each([
    { kind: 'My ID', spellings: ['hanako@example.jp', 'HANAKO@Example.JP', 'ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ', ' hanako@example.jp\u3000', 'hana\u200bko@example.jp'], locked: LOCKED_MY_ID, to: 'hanako@example.jp' },
    { kind: 'legacy ID', spellings: ['taro-01', 'TARO-01', 'ＴＡＲＯ－０１', '\ttaro-01 '], locked: LOCKED_LEGACY, to: 'taro@example.jp' },
    { kind: 'unknown ID', spellings: ['ghost-99', 'GHOST-99', 'ｇｈｏｓｔ-９９'], locked: LOCKED_LEGACY, to: undefined },
  ])('$kind: 40 simultaneous wrong passwords from 40 browsers in differently written forms lock at exactly 5', async ({ spellings, locked, to }) => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => browser(h).post('/login', { id: spellings[i % spellings.length], password: `wrong-${i}` })));
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(422));
    expect(results.filter((r) => summary(r.body).includes(GENERIC))).toHaveLength(N - 1);
    expect(results.filter((r) => summary(r.body).includes(locked))).toHaveLength(40 - (N - 1));
    const rows = (await h.inspect.rows('sign_in_attempt'));
    expect(rows).toHaveLength(1);
    expect(rows[0].failures).toBe(N);
    expect(rows[0].lockedAt).not.toBeNull();
    expect(await audit('sign_in_locked')).toHaveLength(1);
    const notices = (await h.outbox()).filter((m) => m.subject.includes('アカウント停止のお知らせ'));
    expect(notices.map((m) => m.to)).toEqual(to ? [to] : []);
    expect((await h.inspect.rows('session'))).toEqual([]);
  });
});

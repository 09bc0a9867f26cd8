// SPEC §2: the demo data set covers every sign-in path the README lists, and loads only into an empty database.
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../src/auth/clock.js';
import { normaliseIdentifier } from '../../src/auth/normalise.js';
import { verifyPassword } from '../../src/auth/password.js';
import { keyedHash } from '../../src/auth/secrets.js';
import { DEMO_LOCKED_ID, seedDemo } from '../../src/cli/seed-demo.js';
import { testConfig } from '../../src/config.js';
import type { Database } from '../../src/db/contract.js';
import { openTestDatabase } from '../helpers/stores.js';

const config = testConfig({ LOGIN_MAX_FAILURES: '4' });
const clock = fakeClock(Date.UTC(2026, 10, 24, 9, 0, 0));
let db: Database;
let firstRun: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  db = openTestDatabase();
  firstRun = await seedDemo({ stores: db.stores, config, clock });
});

async function credential(loginId: string) {
  const found = (await db.inspect.rows('credential')).find((rec) => rec.loginId === loginId);
  const card = found && (await db.inspect.rows('card')).find((rec) => rec.id === found.cardId);
  if (!found || !card) throw new Error(`no demo credential ${loginId}`);
  return { credential: found, card };
}
const phoneKinds = async (holderId: number) =>
  (await db.inspect.rows('phone')).filter((rec) => rec.holderId === holderId).map((p) => p.kind).sort();
const openAccount = async (email: string) => (await db.inspect.rows('account')).find((rec) => rec.email === email && rec.closedAt === null);

describe('seedDemo', () => {
  it('loads the demo file into an empty database and leaves a database with holders alone', async () => {
    expect(firstRun).toEqual({ seeded: true, counts: { holders: 9, cards: 12, phones: 11, legacyIds: 9, initialIds: 1, accounts: 2 } });
    expect(await seedDemo({ stores: db.stores, config, clock })).toEqual({ seeded: false });
    expect((await db.inspect.rows('holder'))).toHaveLength(9);
  });

  it('(a) keep the card email + SMS: a legacy ID whose card has an email and the holder a mobile', async () => {
    const { credential: c, card } = (await credential('demo-sms'));
    expect(card.email).toBe('taro.yamada@example.jp');
    expect(await openAccount(card.email!)).toBeUndefined();
    expect(await phoneKinds(card.holderId)).toEqual(['mobile']);
    // the password sign-in will check, found the way sign-in looks it up
    expect(await db.stores.credentials.findUsable(normaliseIdentifier(' DEMO-SMS '), clock.now())).toMatchObject({ id: c.id });
    expect(await verifyPassword(c.passwordHash, 'demo-pass-1')).toBe(true);
    expect(await verifyPassword(c.passwordHash, 'demo-pass-2')).toBe(false);
  });

  it('(b) new email + voice: a holder with a landline only', async () => {
    const { card } = (await credential('demo-voice'));
    expect(card.email).not.toBeNull();
    expect(await phoneKinds(card.holderId)).toEqual(['landline']);
  });

  it('(c) a holder with both a mobile and a landline', async () => {
    expect(await phoneKinds((await credential('demo-both')).card.holderId)).toEqual(['landline', 'mobile']);
  });

  it('(d) a multi-card holder: two cards share an email, a third has another', async () => {
    const { card } = (await credential('demo-multi'));
    const cards = (await db.inspect.rows('card')).filter((rec) => rec.holderId === card.holderId);
    expect(cards).toHaveLength(3);
    expect(cards.filter((c) => c.email === card.email)).toHaveLength(2);
    expect((await credential('demo-multi2')).card.email).toBe(card.email);
    expect((await credential('demo-multi3')).card.email).not.toBe(card.email);
  });

  it("(e) a legacy ID whose card email is already another holder's My ID", async () => {
    const { card } = (await credential('demo-taken'));
    const account = await openAccount(card.email!);
    expect(account).toBeDefined();
    expect(account!.holderId).not.toBe(card.holderId);
  });

  it('(f) an initial ID that expires INITIAL_ID_TTL_DAYS after the seed', async () => {
    const { credential: c } = (await credential('init-demo'));
    expect(c).toMatchObject({ kind: 'initial', retiredAt: null, expiresAt: clock.now() + config.INITIAL_ID_TTL_DAYS * 86_400_000 });
    expect(await verifyPassword(c.passwordHash, 'demo-init-1')).toBe(true);
  });

  it('(g) an already-migrated account with two cards, payment date, amount and points; its legacy ID retired', async () => {
    const account = (await openAccount('member@example.jp'))!;
    expect(await verifyPassword(account.passwordHash, 'Demo#2025pass')).toBe(true);
    expect(account.termsVersion).toBe(config.TERMS_VERSION);
    const allCards = await db.inspect.rows('card');
    const cards = (await db.inspect.rows('account_card'))
      .filter((rec) => rec.accountId === account.id)
      .map((l) => allCards.find((c) => c.id === l.cardId)!)
      .map(({ paymentDate, confirmedAmount, points }) => ({ paymentDate, confirmedAmount, points }));
    expect(cards).toHaveLength(2);
    for (const c of cards) {
      expect(c.paymentDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.confirmedAmount).toBeGreaterThan(0);
      expect(c.points).toBeGreaterThan(0);
    }
    expect((await credential('demo-done')).credential.retiredAt).toBe(clock.now());
    expect(await db.stores.credentials.findUsable('demo-done', clock.now())).toBeUndefined();
  });

  it('(h) a locked My ID: its attempt row has LOGIN_MAX_FAILURES failures and a lock time', async () => {
    const account = (await openAccount(DEMO_LOCKED_ID))!;
    expect(await verifyPassword(account.passwordHash, 'Demo#2025lock')).toBe(true);
    const hash = keyedHash(config.SECRET, 'identifier', normaliseIdentifier(DEMO_LOCKED_ID));
    expect((await db.inspect.rows('sign_in_attempt')).find((rec) => rec.identifierHash === hash)).toEqual({
      identifierHash: hash,
      failures: 4,
      lockedAt: clock.now(),
      updatedAt: clock.now(),
    });
    expect((await db.inspect.rows('sign_in_attempt'))).toHaveLength(1);
  });

  it('(i) a legacy card with no registered email', async () => {
    const { credential: c, card } = (await credential('demo-noemail'));
    expect(card.email).toBeNull();
    expect(await verifyPassword(c.passwordHash, 'demo-pass-9')).toBe(true);
  });

  it('puts two notices with Japanese and English titles on the top page', async () => {
    const notices = (await db.inspect.rows('notice'));
    expect(notices).toHaveLength(2);
    for (const n of notices) {
      expect(n.titleJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(n.titleEn).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(notices[0].titleJa).toContain(config.LEGACY_NAME);
  });

  it('uses only example domains for every email', async () => {
    const emails = [
      ...(await db.inspect.rows('card')).map((r) => r.email),
      ...(await db.inspect.rows('account')).map((r) => r.email),
    ].filter((e): e is string => e !== null);
    for (const e of emails) expect(e).toMatch(/@example\.(jp|com)$/);
  });
});

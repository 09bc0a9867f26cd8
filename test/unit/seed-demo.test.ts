// SPEC §2: the demo data set covers every sign-in path the README lists, and loads only into an empty database.
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../src/auth/clock.js';
import { normaliseIdentifier } from '../../src/auth/normalise.js';
import { verifyPassword } from '../../src/auth/password.js';
import { keyedHash } from '../../src/auth/secrets.js';
import { DEMO_LOCKED_ID, seedDemo } from '../../src/cli/seed-demo.js';
import { testConfig } from '../../src/config.js';
import { openDb, type Db } from '../../src/db/sqlite/client.js';
import { accountCardTable, accountTable, cardTable, credentialTable, holderTable, noticeTable, phoneTable, signInAttemptTable } from '../../src/db/sqlite/schema.js';
import { findUsableCredential } from '../../src/db/sqlite/credentials.js';

const config = testConfig({ LOGIN_MAX_FAILURES: '4' });
const clock = fakeClock(Date.UTC(2026, 10, 24, 9, 0, 0));
let db: Db;
let firstRun: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  db = openDb(':memory:');
  firstRun = await seedDemo({ db, config, clock });
});

function credential(loginId: string) {
  const row = db
    .select({ credential: credentialTable, card: cardTable })
    .from(credentialTable)
    .innerJoin(cardTable, eq(cardTable.id, credentialTable.cardId))
    .where(eq(credentialTable.loginId, loginId))
    .get();
  if (!row) throw new Error(`no demo credential ${loginId}`);
  return row;
}
const phoneKinds = (holderId: number) =>
  db.select({ kind: phoneTable.kind }).from(phoneTable).where(eq(phoneTable.holderId, holderId)).all().map((p) => p.kind).sort();
const openAccount = (email: string) => db.select().from(accountTable).where(and(eq(accountTable.email, email), isNull(accountTable.closedAt))).get();

describe('seedDemo', () => {
  it('loads the demo file into an empty database and leaves a database with holders alone', async () => {
    expect(firstRun).toEqual({ seeded: true, counts: { holders: 9, cards: 12, phones: 11, legacyIds: 9, initialIds: 1, accounts: 2 } });
    expect(await seedDemo({ db, config, clock })).toEqual({ seeded: false });
    expect(db.select().from(holderTable).all()).toHaveLength(9);
  });

  it('(a) keep the card email + SMS: a legacy ID whose card has an email and the holder a mobile', async () => {
    const { credential: c, card } = credential('demo-sms');
    expect(card.email).toBe('taro.yamada@example.jp');
    expect(openAccount(card.email!)).toBeUndefined();
    expect(phoneKinds(card.holderId)).toEqual(['mobile']);
    // the password sign-in will check, found the way sign-in looks it up
    expect(await findUsableCredential(db, normaliseIdentifier(' DEMO-SMS '), clock.now())).toMatchObject({ id: c.id });
    expect(await verifyPassword(c.passwordHash, 'demo-pass-1')).toBe(true);
    expect(await verifyPassword(c.passwordHash, 'demo-pass-2')).toBe(false);
  });

  it('(b) new email + voice: a holder with a landline only', () => {
    const { card } = credential('demo-voice');
    expect(card.email).not.toBeNull();
    expect(phoneKinds(card.holderId)).toEqual(['landline']);
  });

  it('(c) a holder with both a mobile and a landline', () => {
    expect(phoneKinds(credential('demo-both').card.holderId)).toEqual(['landline', 'mobile']);
  });

  it('(d) a multi-card holder: two cards share an email, a third has another', () => {
    const { card } = credential('demo-multi');
    const cards = db.select().from(cardTable).where(eq(cardTable.holderId, card.holderId)).all();
    expect(cards).toHaveLength(3);
    expect(cards.filter((c) => c.email === card.email)).toHaveLength(2);
    expect(credential('demo-multi2').card.email).toBe(card.email);
    expect(credential('demo-multi3').card.email).not.toBe(card.email);
  });

  it("(e) a legacy ID whose card email is already another holder's My ID", () => {
    const { card } = credential('demo-taken');
    const account = openAccount(card.email!);
    expect(account).toBeDefined();
    expect(account!.holderId).not.toBe(card.holderId);
  });

  it('(f) an initial ID that expires INITIAL_ID_TTL_DAYS after the seed', async () => {
    const { credential: c } = credential('init-demo');
    expect(c).toMatchObject({ kind: 'initial', retiredAt: null, expiresAt: clock.now() + config.INITIAL_ID_TTL_DAYS * 86_400_000 });
    expect(await verifyPassword(c.passwordHash, 'demo-init-1')).toBe(true);
  });

  it('(g) an already-migrated account with two cards, payment date, amount and points; its legacy ID retired', async () => {
    const account = openAccount('member@example.jp')!;
    expect(await verifyPassword(account.passwordHash, 'Demo#2025pass')).toBe(true);
    expect(account.termsVersion).toBe(config.TERMS_VERSION);
    const cards = db
      .select({ paymentDate: cardTable.paymentDate, confirmedAmount: cardTable.confirmedAmount, points: cardTable.points })
      .from(accountCardTable)
      .innerJoin(cardTable, eq(cardTable.id, accountCardTable.cardId))
      .where(eq(accountCardTable.accountId, account.id))
      .all();
    expect(cards).toHaveLength(2);
    for (const c of cards) {
      expect(c.paymentDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.confirmedAmount).toBeGreaterThan(0);
      expect(c.points).toBeGreaterThan(0);
    }
    expect(credential('demo-done').credential.retiredAt).toBe(clock.now());
    expect(await findUsableCredential(db, 'demo-done', clock.now())).toBeUndefined();
  });

  it('(h) a locked My ID: its attempt row has LOGIN_MAX_FAILURES failures and a lock time', async () => {
    const account = openAccount(DEMO_LOCKED_ID)!;
    expect(await verifyPassword(account.passwordHash, 'Demo#2025lock')).toBe(true);
    const hash = keyedHash(config.SECRET, 'identifier', normaliseIdentifier(DEMO_LOCKED_ID));
    expect(db.select().from(signInAttemptTable).where(eq(signInAttemptTable.identifierHash, hash)).get()).toEqual({
      identifierHash: hash,
      failures: 4,
      lockedAt: clock.now(),
      updatedAt: clock.now(),
    });
    expect(db.select().from(signInAttemptTable).all()).toHaveLength(1);
  });

  it('(i) a legacy card with no registered email', async () => {
    const { credential: c, card } = credential('demo-noemail');
    expect(card.email).toBeNull();
    expect(await verifyPassword(c.passwordHash, 'demo-pass-9')).toBe(true);
  });

  it('puts two notices with Japanese and English titles on the top page', () => {
    const notices = db.select().from(noticeTable).all();
    expect(notices).toHaveLength(2);
    for (const n of notices) {
      expect(n.titleJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(n.titleEn).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(notices[0].titleJa).toContain(config.LEGACY_NAME);
  });

  it('uses only example domains for every email', () => {
    const emails = [
      ...db.select({ e: cardTable.email }).from(cardTable).all().map((r) => r.e),
      ...db.select({ e: accountTable.email }).from(accountTable).all().map((r) => r.e),
    ].filter((e): e is string => e !== null);
    for (const e of emails) expect(e).toMatch(/@example\.(jp|com)$/);
  });
});

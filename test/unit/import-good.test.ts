// SPEC §2 import: a good file lands whole and normalised, also at 10,000 rows.
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.js';
import { keyedHash } from '../../src/auth/secrets.js';
import { importCsv } from '../../src/cli/importer.js';
import { passesLuhn } from '../../src/cli/import-rows.js';
import { DAY, fixture, FIXTURE_HASH, GOOD_COUNTS, HEADER, importBed, rowCounts, SECRET } from '../helpers/import.js';

const bed = importBed();

describe('importCsv with a good file', () => {
  it('stores holders, phones, cards, IDs and the migrated account, normalised', async () => {
    const result = await importCsv(bed.db.stores.import, fixture('good.csv'), bed.options);
    expect(result).toEqual({ ok: true, counts: GOOD_COUNTS });
    expect(await rowCounts(bed.db)).toEqual({ holders: 5, phones: 6, cards: 7, credentials: 6, accounts: 1, links: 2 });

    const taro = (await bed.db.inspect.rows('holder')).find((rec) => rec.holderKey === 'g-01')!;
    expect(taro).toMatchObject({ name: 'Yamada, Taro', nameRoman: 'TARO YAMADA', birthdate: '1985-04-12' });
    const card = (await bed.db.inspect.rows('card')).find((rec) => rec.holderId === taro.id)!;
    // full-width digits and spaces were normalised before hashing; only the hash and last 4 are kept
    expect(card).toMatchObject({
      numberHash: keyedHash(SECRET, 'card', '4980123400000010'),
      last4: '0010',
      cardName: 'Classic "Blue" Card',
      email: 'taro.yamada@example.jp',
      paymentDate: '2026-12-10',
      confirmedAmount: 12345,
      points: 250,
    });
    expect((await bed.db.inspect.rows('phone')).filter((rec) => rec.holderId === taro.id)).toMatchObject([
      { number: '09012345678', kind: 'mobile' },
    ]);
    const legacy = (await bed.db.inspect.rows('credential')).find((rec) => rec.loginId === 'old-taro')!;
    expect(legacy).toMatchObject({ kind: 'legacy', expiresAt: null, retiredAt: null });
    // SPEC N2: surrounding whitespace is not part of a password
    expect(await verifyPassword(legacy.passwordHash, 'p@ss word 1')).toBe(true);
  });

  it('keeps a landline as voice-only, a card with no email as null, and both kinds for one holder', async () => {
    await importCsv(bed.db.stores.import, fixture('good.csv'), bed.options);
    const phonesOf = async (key: string) => {
      const h = (await bed.db.inspect.rows('holder')).find((rec) => rec.holderKey === key)!;
      return (await bed.db.inspect.rows('phone')).filter((rec) => rec.holderId === h.id).map(({ number, kind }) => ({ number, kind }));
    };
    expect(await phonesOf('g-02')).toEqual([{ number: '0312345678', kind: 'landline' }]);
    expect(await phonesOf('g-03')).toEqual([
      { number: '08023456789', kind: 'mobile' },
      { number: '0452345678', kind: 'landline' },
    ]);
    expect((await bed.db.inspect.rows('card')).find((rec) => rec.last4 === '0013')).toMatchObject({ email: null, paymentDate: null, confirmedAmount: null });
  });

  it('gives an initial ID its expiry INITIAL_ID_TTL_DAYS after the import', async () => {
    await importCsv(bed.db.stores.import, fixture('good.csv'), { ...bed.options, initialIdTtlDays: 30 });
    const initial = (await bed.db.inspect.rows('credential')).find((rec) => rec.loginId === 'init0001')!;
    expect(initial).toMatchObject({ kind: 'initial', createdAt: bed.clock.now(), expiresAt: bed.clock.now() + 30 * DAY, retiredAt: null });
  });

  it("links a migrated account to every card of the holder with its email and retires those cards' IDs", async () => {
    await importCsv(bed.db.stores.import, fixture('good.csv'), bed.options);
    const account = (await bed.db.inspect.rows('account'))[0]!;
    expect(account).toMatchObject({ email: 'ken@example.jp', termsVersion: '2025-01', passwordChangedAt: bed.clock.now(), closedAt: null });
    expect(await verifyPassword(account.passwordHash, 'Good#Pass2026')).toBe(true);
    const cards = await bed.db.inspect.rows('card');
    const linked = (await bed.db.inspect.rows('account_card')).map((l) => cards.find((c) => c.id === l.cardId)!).map(({ last4, email }) => ({ last4, email }));
    // the card with an empty email column takes the My ID; the business card with another email stays apart
    expect(linked).toEqual([
      { last4: '0044', email: 'ken@example.jp' },
      { last4: '0051', email: 'ken@example.jp' },
    ]);
    expect((await bed.db.inspect.rows('credential')).find((rec) => rec.loginId === 'old.ken')!.retiredAt).toBe(bed.clock.now());
    expect((await bed.db.inspect.rows('credential')).find((rec) => rec.loginId === 'ken-other')!.retiredAt).toBeNull();
  });

  it('stores a value already in $argon2id$ form verbatim', async () => {
    await importCsv(bed.db.stores.import, fixture('good.csv'), bed.options);
    const row = (await bed.db.inspect.rows('credential')).find((rec) => rec.loginId === 'e-hash')!;
    expect(row.passwordHash).toBe(FIXTURE_HASH);
    expect(await verifyPassword(row.passwordHash, 'fixture-pass')).toBe(true);
  });

  it('reads the same file with CRLF line ends and a byte order mark', async () => {
    const crlf = '\uFEFF' + fixture('good.csv').replace(/\n/g, '\r\n');
    expect(await importCsv(bed.db.stores.import, crlf, bed.options)).toEqual({ ok: true, counts: GOOD_COUNTS });
  });

  it('lets a My ID whose account is closed be used again', async () => {
    await importCsv(bed.db.stores.import, fixture('good.csv'), bed.options);
    for (const account of await bed.db.inspect.rows('account')) await bed.db.inspect.update('account', account.id, { closedAt: bed.clock.now() });
    const row = `z-1,再登録 太郎,,,1990-01-01,4980555500000087,Classic Card,,090-9999-0000,,,,,ken@example.jp,Good#Pass2026,,,`;
    expect(await importCsv(bed.db.stores.import, `${HEADER}\n${row}\n`, bed.options)).toMatchObject({ ok: true, counts: { accounts: 1 } });
  });
});

describe('importCsv at scale', () => {
  it('imports 10,000 rows with precomputed hashes in one go', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 10_000; i++) {
      const holder = Math.floor(i / 2);
      const base = `4980${String(i).padStart(11, '0')}`;
      const number = base + [...'0123456789'].find((d) => passesLuhn(base + d));
      const phone = `090${String(holder).padStart(8, '0')}`;
      rows.push(
        `bulk-${holder},会員 ${holder},,MEMBER ${String.fromCharCode(65 + (holder % 26))},1980-01-01,${number},Classic Card,m${holder}@example.jp,${phone},bulk${i},"${FIXTURE_HASH}",,,,,2026-12-10,${i},${i % 100}`,
      );
    }
    const result = await importCsv(bed.db.stores.import, rows.join('\n'), bed.options);
    expect(result).toEqual({ ok: true, counts: { holders: 5000, cards: 10_000, phones: 5000, legacyIds: 10_000, initialIds: 0, accounts: 0 } });
    expect(await rowCounts(bed.db)).toMatchObject({ holders: 5000, cards: 10_000, credentials: 10_000 });
  });
});

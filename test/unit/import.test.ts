// SPEC §2: the legacy CSV import — all or nothing, every bad row reported as `line N: column: problem`.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeClock } from '../../src/auth/clock.js';
import { verifyPassword } from '../../src/auth/password.js';
import { keyedHash } from '../../src/auth/secrets.js';
import { parseCsv } from '../../src/cli/csv.js';
import { importCsv, type ImportOptions } from '../../src/cli/importer.js';
import { COLUMNS, passesLuhn } from '../../src/cli/import-rows.js';
import type { Database } from '../../src/db/contract.js';
import { openTestDatabase } from '../helpers/stores.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const HEADER = COLUMNS.join(',');
const SECRET = 'import-test-secret-import-test-secret-00';
// the precomputed hash of 'fixture-pass' that good.csv carries for e-hash
const FIXTURE_HASH = '$argon2id$v=19$m=19456,t=2,p=1$qbYiz8GIi86b9aSsAx0ziw$KkjITxcQfuNxuNdNBuq59hoUtxeTaLUeK8AIGnmptUQ';
const DAY = 86_400_000;

let db: Database;
let clock: ReturnType<typeof fakeClock>;
let options: ImportOptions;

beforeEach(async () => {
  db = openTestDatabase();
  clock = fakeClock(Date.UTC(2026, 10, 24, 9, 0, 0));
  options = { secret: SECRET, clock, initialIdTtlDays: 90, termsVersion: '2025-01' };
});

async function rowCounts(d: Database = db) {
  const n = async (table: 'holder' | 'phone' | 'card' | 'credential' | 'account' | 'account_card') => (await d.inspect.rows(table)).length;
  return {
    holders: await n('holder'),
    phones: await n('phone'),
    cards: await n('card'),
    credentials: await n('credential'),
    accounts: await n('account'),
    links: await n('account_card'),
  };
}

const EMPTY = { holders: 0, phones: 0, cards: 0, credentials: 0, accounts: 0, links: 0 };
const GOOD_COUNTS = { holders: 5, cards: 7, phones: 6, legacyIds: 5, initialIds: 1, accounts: 1 };

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and numbers records by their first line', () => {
    const r = parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n\nlast,""\n');
    expect(r).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x, y', 'say "hi"\nthere'] },
        { line: 5, fields: ['last', ''] },
      ],
    });
  });

  it('drops a UTF-8 byte order mark and accepts a file without a final newline', () => {
    expect(parseCsv('\uFEFFa,b\n1,')).toEqual({ ok: true, records: [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', ''] }] });
  });

  it('refuses an unclosed quote and text after a closing quote', () => {
    expect(parseCsv('a\n"open\nstill open')).toEqual({ ok: false, line: 2, problem: 'a quoted field is never closed' });
    expect(parseCsv('a\n"closed"x')).toMatchObject({ ok: false, line: 2 });
  });
});

describe('passesLuhn', () => {
  it('accepts a valid check digit and refuses a changed one', () => {
    expect(passesLuhn('4980123400000010')).toBe(true);
    expect(passesLuhn('4980123400000011')).toBe(false);
  });
});

describe('importCsv with a good file', () => {
  it('stores holders, phones, cards, IDs and the migrated account, normalised', async () => {
    const result = await importCsv(db.stores.import, fixture('good.csv'), options);
    expect(result).toEqual({ ok: true, counts: GOOD_COUNTS });
    expect(await rowCounts()).toEqual({ holders: 5, phones: 6, cards: 7, credentials: 6, accounts: 1, links: 2 });

    const taro = (await db.inspect.rows('holder')).find((rec) => rec.holderKey === 'g-01')!;
    expect(taro).toMatchObject({ name: 'Yamada, Taro', nameRoman: 'TARO YAMADA', birthdate: '1985-04-12' });
    const card = (await db.inspect.rows('card')).find((rec) => rec.holderId === taro.id)!;
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
    expect((await db.inspect.rows('phone')).filter((rec) => rec.holderId === taro.id)).toMatchObject([
      { number: '09012345678', kind: 'mobile' },
    ]);
    const legacy = (await db.inspect.rows('credential')).find((rec) => rec.loginId === 'old-taro')!;
    expect(legacy).toMatchObject({ kind: 'legacy', expiresAt: null, retiredAt: null });
    // SPEC N2: surrounding whitespace is not part of a password
    expect(await verifyPassword(legacy.passwordHash, 'p@ss word 1')).toBe(true);
  });

  it('keeps a landline as voice-only, a card with no email as null, and both kinds for one holder', async () => {
    await importCsv(db.stores.import, fixture('good.csv'), options);
    const phonesOf = async (key: string) => {
      const h = (await db.inspect.rows('holder')).find((rec) => rec.holderKey === key)!;
      return (await db.inspect.rows('phone')).filter((rec) => rec.holderId === h.id).map(({ number, kind }) => ({ number, kind }));
    };
    expect(await phonesOf('g-02')).toEqual([{ number: '0312345678', kind: 'landline' }]);
    expect(await phonesOf('g-03')).toEqual([
      { number: '08023456789', kind: 'mobile' },
      { number: '0452345678', kind: 'landline' },
    ]);
    expect((await db.inspect.rows('card')).find((rec) => rec.last4 === '0013')).toMatchObject({ email: null, paymentDate: null, confirmedAmount: null });
  });

  it('gives an initial ID its expiry INITIAL_ID_TTL_DAYS after the import', async () => {
    await importCsv(db.stores.import, fixture('good.csv'), { ...options, initialIdTtlDays: 30 });
    const initial = (await db.inspect.rows('credential')).find((rec) => rec.loginId === 'init0001')!;
    expect(initial).toMatchObject({ kind: 'initial', createdAt: clock.now(), expiresAt: clock.now() + 30 * DAY, retiredAt: null });
  });

  it("links a migrated account to every card of the holder with its email and retires those cards' IDs", async () => {
    await importCsv(db.stores.import, fixture('good.csv'), options);
    const account = (await db.inspect.rows('account'))[0]!;
    expect(account).toMatchObject({ email: 'ken@example.jp', termsVersion: '2025-01', passwordChangedAt: clock.now(), closedAt: null });
    expect(await verifyPassword(account.passwordHash, 'Good#Pass2026')).toBe(true);
    const cards = await db.inspect.rows('card');
    const linked = (await db.inspect.rows('account_card')).map((l) => cards.find((c) => c.id === l.cardId)!).map(({ last4, email }) => ({ last4, email }));
    // the card with an empty email column takes the My ID; the business card with another email stays apart
    expect(linked).toEqual([
      { last4: '0044', email: 'ken@example.jp' },
      { last4: '0051', email: 'ken@example.jp' },
    ]);
    expect((await db.inspect.rows('credential')).find((rec) => rec.loginId === 'old.ken')!.retiredAt).toBe(clock.now());
    expect((await db.inspect.rows('credential')).find((rec) => rec.loginId === 'ken-other')!.retiredAt).toBeNull();
  });

  it('stores a value already in $argon2id$ form verbatim', async () => {
    await importCsv(db.stores.import, fixture('good.csv'), options);
    const row = (await db.inspect.rows('credential')).find((rec) => rec.loginId === 'e-hash')!;
    expect(row.passwordHash).toBe(FIXTURE_HASH);
    expect(await verifyPassword(row.passwordHash, 'fixture-pass')).toBe(true);
  });

  it('reads the same file with CRLF line ends and a byte order mark', async () => {
    const crlf = '\uFEFF' + fixture('good.csv').replace(/\n/g, '\r\n');
    expect(await importCsv(db.stores.import, crlf, options)).toEqual({ ok: true, counts: GOOD_COUNTS });
  });

  it('lets a My ID whose account is closed be used again', async () => {
    await importCsv(db.stores.import, fixture('good.csv'), options);
    for (const account of await db.inspect.rows('account')) await db.inspect.update('account', account.id, { closedAt: clock.now() });
    const row = `z-1,再登録 太郎,,,1990-01-01,4980555500000087,Classic Card,,090-9999-0000,,,,,ken@example.jp,Good#Pass2026,,,`;
    expect(await importCsv(db.stores.import, `${HEADER}\n${row}\n`, options)).toMatchObject({ ok: true, counts: { accounts: 1 } });
  });
});

describe('importCsv with bad files writes nothing', () => {
  it('reports every rule a row breaks, one line per column, in file order', async () => {
    const result = await importCsv(db.stores.import, fixture('bad-rows.csv'), options);
    expect(result).toEqual({
      ok: false,
      errors: [
        'line 2: holder_key: is required',
        'line 3: name: is required',
        'line 4: birthdate: must be a real date written YYYY-MM-DD',
        'line 5: birthdate: must be a real date written YYYY-MM-DD',
        'line 6: birthdate: is in the future',
        'line 7: card_number: must be 12–19 digits (spaces and hyphens allowed)',
        'line 8: card_number: fails the Luhn check digit',
        'line 9: card_name: is required',
        'line 10: email: is not a valid email address',
        'line 11: phones: needs at least one phone number',
        'line 12: phones: each number must be 10–11 digits starting with 0',
        'line 13: phones: lists the same number twice',
        'line 14: legacy_id: must be 4–32 characters of A–Z a–z 0–9 . _ -',
        'line 15: legacy_id: must be 4–32 characters of A–Z a–z 0–9 . _ -',
        'line 16: legacy_password: is required when legacy_id is given',
        'line 17: legacy_id: is required when legacy_password is given',
        'line 18: initial_password: is required when initial_id is given',
        'line 19: my_password: is required when my_id is given',
        'line 20: my_id: is required when my_password is given',
        'line 21: my_id: is not a valid email address',
        'line 22: payment_date: must be a real date written YYYY-MM-DD',
        'line 23: confirmed_amount: must be a whole number of 0 or more',
        'line 24: points: must be a whole number of 0 or more',
        'line 25: row: has 17 fields, expected 18',
        "line 26: name_roman: must be at most 60 letters A–Z, spaces and . ' -",
        'line 27: legacy_password: looks like a hash but is not an $argon2id$ PHC string',
        'line 28: my_password: must be printable half-width characters without spaces',
        'line 29: email: must be empty or equal to my_id on an already-migrated card',
        'line 30: name: is required',
        'line 30: card_number: must be 12–19 digits (spaces and hyphens allowed)',
        'line 30: points: must be a whole number of 0 or more',
        'line 31: initial_id: is the same as legacy_id',
      ],
    });
    // line 32 (a full-width amount) is valid, yet the file as a whole is refused
    expect(await rowCounts()).toEqual(EMPTY);
  });

  it('reports duplicates within the file and holders described two ways', async () => {
    const result = await importCsv(db.stores.import, fixture('bad-duplicates.csv'), options);
    expect(result).toEqual({
      ok: false,
      errors: [
        'line 3: card_number: duplicates line 2',
        'line 4: legacy_id: duplicates line 2',
        'line 5: initial_id: duplicates legacy_id on line 2',
        'line 7: my_id: duplicates line 6 (another holder)',
        'line 8: name: differs from line 2 for the same holder_key',
        'line 9: birthdate: differs from line 2 for the same holder_key',
        'line 9: phones: differs from line 2 for the same holder_key',
        'line 10: my_id: differs from line 6: a holder has one My ID',
        'line 11: my_password: differs from line 6 for the same my_id',
        'line 13: initial_id: duplicates line 12',
        'line 14: legacy_id: duplicates initial_id on line 12',
      ],
    });
    expect(await rowCounts()).toEqual(EMPTY);
  });

  it('reports holder keys, card numbers, IDs and open My IDs the database already holds', async () => {
    await importCsv(db.stores.import, fixture('good.csv'), options);
    const before = await rowCounts();
    const result = await importCsv(db.stores.import, fixture('bad-against-db.csv'), options);
    expect(result).toEqual({
      ok: false,
      errors: [
        'line 2: holder_key: already in the database',
        'line 3: card_number: already in the database',
        'line 4: legacy_id: already in the database',
        'line 5: initial_id: already in the database',
        'line 6: my_id: already an open account in the database',
      ],
    });
    // line 7 is new and valid but was not written either
    expect(await rowCounts()).toEqual(before);
    expect((await db.inspect.rows('credential')).find((rec) => rec.loginId === 'fresh-id')).toBeUndefined();
  });

  it('refuses a wrong header, a stray quote and a file with no rows', async () => {
    expect(await importCsv(db.stores.import, fixture('bad-header.csv'), options)).toEqual({ ok: false, errors: [`line 1: header: must be exactly ${HEADER}`] });
    expect(await importCsv(db.stores.import, fixture('bad-quote.csv'), options)).toEqual({
      ok: false,
      errors: ['line 3: row: a quote inside an unquoted field (quote the field and double the quote)'],
    });
    expect(await importCsv(db.stores.import, `${HEADER}\n`, options)).toEqual({ ok: false, errors: ['line 1: header: the file has no rows'] });
    expect(await importCsv(db.stores.import, '', options)).toMatchObject({ ok: false, errors: [expect.stringMatching(/^line 1: header: /)] });
    expect(await rowCounts()).toEqual(EMPTY);
  });

  it('writes nothing when the database changes between validation and writing', async () => {
    // a second import of the same file racing the first: whichever writes second must find its keys taken
    const [a, b] = await Promise.all([importCsv(db.stores.import, fixture('good.csv'), options), importCsv(db.stores.import, fixture('good.csv'), options)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const failed = (a.ok ? b : a) as { ok: false; errors: string[] };
    expect(failed.errors).toContain('line 2: holder_key: already in the database');
    expect(await rowCounts()).toMatchObject({ holders: 5, cards: 7 });
  });

  it('formats every error as `line N: column: problem`', async () => {
    for (const file of ['bad-rows.csv', 'bad-duplicates.csv', 'bad-header.csv', 'bad-quote.csv']) {
      const result = await importCsv(db.stores.import, fixture(file), options);
      if (result.ok) throw new Error(`${file} imported`);
      for (const e of result.errors) expect(e).toMatch(/^line \d+: [a-z_]+: \S.*$/);
    }
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
    const result = await importCsv(db.stores.import, rows.join('\n'), options);
    expect(result).toEqual({ ok: true, counts: { holders: 5000, cards: 10_000, phones: 5000, legacyIds: 10_000, initialIds: 0, accounts: 0 } });
    expect(await rowCounts()).toMatchObject({ holders: 5000, cards: 10_000, credentials: 10_000 });
  });
});

describe('npm run import (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (args: string[], dbFile: string) => {
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_FILE: dbFile };
    delete env.SECRET;
    try {
      const r = await promisify(execFile)(join('node_modules', '.bin', 'tsx'), ['src/cli/import.ts', ...args], { env });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it('imports a good file, exits 0 and keeps a secret file beside the database', async () => {
    const dbFile = join(dir, 'good', 'app.db');
    const r = await run([join(FIXTURES, 'good.csv')], dbFile);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.trim()).toBe('imported 5 holders, 7 cards, 6 phones, 5 legacy IDs, 1 initial IDs, 1 accounts');
    expect(statSync(join(dir, 'good', 'secret')).mode & 0o777).toBe(0o600);
    // the card hash uses that secret, as the server will
    const secret = readFileSync(join(dir, 'good', 'secret'), 'utf8').trim();
    const fileDb = openTestDatabase(dbFile);
    expect((await fileDb.inspect.rows('card')).find((rec) => rec.numberHash === keyedHash(secret, 'card', '4980123400000010'))).toBeDefined();
    await fileDb.close();
  });

  it('prints every error line, exits 1 and writes nothing', async () => {
    const dbFile = join(dir, 'bad', 'app.db');
    const r = await run([join(FIXTURES, 'bad-duplicates.csv')], dbFile);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toContain('line 3: card_number: duplicates line 2');
    expect(lines).toContain('line 14: legacy_id: duplicates initial_id on line 12');
    expect(lines.filter((l) => l.startsWith('line '))).toHaveLength(11);
    expect(lines.at(-1)).toBe('11 problem(s) found; nothing was imported');
    const fileDb = openTestDatabase(dbFile);
    expect(await rowCounts(fileDb)).toEqual(EMPTY);
    await fileDb.close();
  });

  it('says in one line when the file is missing or not UTF-8, and when no file is given', async () => {
    const dbFile = join(dir, 'missing', 'app.db');
    expect(await run([join(dir, 'nope.csv')], dbFile)).toEqual({ code: 1, stdout: '', stderr: `cannot read ${join(dir, 'nope.csv')}: no such file\n` });
    const sjis = join(dir, 'sjis.csv');
    writeFileSync(sjis, Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67, 0x0a]));
    expect((await run([sjis], dbFile)).stderr).toBe(`cannot read ${sjis}: it is not UTF-8 text (convert it first, e.g. from Shift_JIS)\n`);
    expect(await run([], dbFile)).toEqual({ code: 1, stdout: '', stderr: 'usage: npm run import -- FILE.csv\n' });
  });
});

describe('text that is not well-formed Unicode', () => {
  it('a lone surrogate is a bad row, not a stored U+FFFD that collides later', async () => {
    const db = openTestDatabase();
    const row = (key: string, card: string, id: string) =>
      [key, '山田 太郎', 'ヤマダ タロウ', 'TARO YAMADA', '1980-04-01', card, 'カード', '', '09012345678', id, 'pass-word-1', '', '', '', '', '', '', ''].join(',');
    const opts = { secret: 'x'.repeat(40), clock: fakeClock(), initialIdTtlDays: 90, termsVersion: '2025-01' };
    const first = await importCsv(db.stores.import, `${COLUMNS.join(',')}\n${row('\ud800', '4111111111111111', 'abcd1')}`, opts);
    expect(first).toEqual({ ok: false, errors: ['line 2: holder_key: is not valid Unicode text'] });
    const second = await importCsv(db.stores.import, `${COLUMNS.join(',')}\n${row('\ud800', '4012888888881881', 'abcd2')}`, opts);
    expect(second.ok).toBe(false);
  });
});

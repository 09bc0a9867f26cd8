// SPEC §2 import: a bad file reports every problem by line and column, and writes nothing.
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../src/cli/importer.js';
import { EMPTY, fixture, HEADER, importBed, rowCounts } from '../helpers/import.js';

const bed = importBed();

describe('importCsv with bad files writes nothing', () => {
  it('reports every rule a row breaks, one line per column, in file order', async () => {
    const result = await importCsv(bed.db.stores.import, fixture('bad-rows.csv'), bed.options);
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
    expect(await rowCounts(bed.db)).toEqual(EMPTY);
  });

  it('reports duplicates within the file and holders described two ways', async () => {
    const result = await importCsv(bed.db.stores.import, fixture('bad-duplicates.csv'), bed.options);
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
    expect(await rowCounts(bed.db)).toEqual(EMPTY);
  });

  it('reports holder keys, card numbers, IDs and open My IDs the database already holds', async () => {
    await importCsv(bed.db.stores.import, fixture('good.csv'), bed.options);
    const before = await rowCounts(bed.db);
    const result = await importCsv(bed.db.stores.import, fixture('bad-against-db.csv'), bed.options);
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
    expect(await rowCounts(bed.db)).toEqual(before);
    expect((await bed.db.inspect.rows('credential')).find((rec) => rec.loginId === 'fresh-id')).toBeUndefined();
  });

  it('refuses a wrong header, a stray quote and a file with no rows', async () => {
    expect(await importCsv(bed.db.stores.import, fixture('bad-header.csv'), bed.options)).toEqual({ ok: false, errors: [`line 1: header: must be exactly ${HEADER}`] });
    expect(await importCsv(bed.db.stores.import, fixture('bad-quote.csv'), bed.options)).toEqual({
      ok: false,
      errors: ['line 3: row: a quote inside an unquoted field (quote the field and double the quote)'],
    });
    expect(await importCsv(bed.db.stores.import, `${HEADER}\n`, bed.options)).toEqual({ ok: false, errors: ['line 1: header: the file has no rows'] });
    expect(await importCsv(bed.db.stores.import, '', bed.options)).toMatchObject({ ok: false, errors: [expect.stringMatching(/^line 1: header: /)] });
    expect(await rowCounts(bed.db)).toEqual(EMPTY);
  });

  it('writes nothing when the database changes between validation and writing', async () => {
    // a second import of the same file racing the first: whichever writes second must find its keys taken
    const [a, b] = await Promise.all([importCsv(bed.db.stores.import, fixture('good.csv'), bed.options), importCsv(bed.db.stores.import, fixture('good.csv'), bed.options)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const failed = (a.ok ? b : a) as { ok: false; errors: string[] };
    expect(failed.errors).toContain('line 2: holder_key: already in the database');
    expect(await rowCounts(bed.db)).toMatchObject({ holders: 5, cards: 7 });
  });

  it('formats every error as `line N: column: problem`', async () => {
    for (const file of ['bad-rows.csv', 'bad-duplicates.csv', 'bad-header.csv', 'bad-quote.csv']) {
      const result = await importCsv(bed.db.stores.import, fixture(file), bed.options);
      if (result.ok) throw new Error(`${file} imported`);
      for (const e of result.errors) expect(e).toMatch(/^line \d+: [a-z_]+: \S.*$/);
    }
  });
});

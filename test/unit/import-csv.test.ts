// SPEC §2 import: the CSV reader, the card number check digit, and text that is not Unicode.
import { describe, expect, it } from 'vitest';
import { fakeClock } from '../../src/auth/clock.js';
import { parseCsv } from '../../src/cli/csv.js';
import { importCsv } from '../../src/cli/importer.js';
import { COLUMNS, passesLuhn } from '../../src/cli/import-rows.js';
import { openTestDatabase } from '../helpers/stores.js';

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

// The CSV import's test material: the fixture files, the header, a secret, and counts of what landed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach } from 'vitest';
import { fakeClock } from '../../src/auth/clock.js';
import type { ImportOptions } from '../../src/cli/importer.js';
import { COLUMNS } from '../../src/cli/import-rows.js';
import type { Database } from '../../src/db/contract.js';
import { openTestDatabase } from './stores.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
export const HEADER = COLUMNS.join(',');
export const SECRET = 'import-test-secret-import-test-secret-00';
/** The precomputed hash of 'fixture-pass' that good.csv carries for e-hash. */
export const FIXTURE_HASH = '$argon2id$v=19$m=19456,t=2,p=1$qbYiz8GIi86b9aSsAx0ziw$KkjITxcQfuNxuNdNBuq59hoUtxeTaLUeK8AIGnmptUQ';
export const DAY = 86_400_000;

export const EMPTY = { holders: 0, phones: 0, cards: 0, credentials: 0, accounts: 0, links: 0 };
export const GOOD_COUNTS = { holders: 5, cards: 7, phones: 6, legacyIds: 5, initialIds: 1, accounts: 1 };

/** How many rows each table the import writes holds. */
export async function rowCounts(d: Database) {
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

export type ImportBed = { db: Database; clock: ReturnType<typeof fakeClock>; options: ImportOptions };

/** A fresh database, clock and options before each test of the file, read through the returned object. */
export function importBed(): ImportBed {
  const bed = {} as ImportBed;
  beforeEach(() => {
    bed.db = openTestDatabase();
    bed.clock = fakeClock(Date.UTC(2026, 10, 24, 9, 0, 0));
    bed.options = { secret: SECRET, clock: bed.clock, initialIdTtlDays: 90, termsVersion: '2025-01' };
  });
  return bed;
}

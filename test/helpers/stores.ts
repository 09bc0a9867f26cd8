// The one place the tests choose the store implementation: SQLite today, so a second implementation can run the same tests.
import type { Database } from '../../src/db/contract.js';
import { checkFileIntegrity } from '../../src/db/sqlite/backup.js';
import { openSqlite } from '../../src/db/sqlite/index.js';

/** A migrated database behind the store contract: in memory, or at `file` when several processes must share it. */
export function openTestDatabase(file = ':memory:'): Database {
  return openSqlite(file);
}

/** SPEC O5: the database's own consistency check on a database file (a backup copy), opened read-only: 'ok' or what it found. */
export function fileIntegrity(file: string): Promise<string> {
  return checkFileIntegrity(file);
}

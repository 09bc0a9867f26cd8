// The one place the tests choose the store implementation: SQLite today, so a second implementation can run the same tests.
import type { Database } from '../../src/db/contract.js';
import { openSqlite } from '../../src/db/sqlite/index.js';

/** A migrated database behind the store contract: in memory, or at `file` when several processes must share it. */
export function openTestDatabase(file = ':memory:'): Database {
  return openSqlite(file);
}

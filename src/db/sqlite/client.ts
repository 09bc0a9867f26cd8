// Opens the SQLite file (or :memory:), sets the pragmas and applies the migrations; the transaction helper every store uses.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SQLITE_CACHE_MB_DEFAULT } from '../../config.js';
import type { AuditEvent } from '../contract.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** What a store helper queries through: the database, or the transaction it runs inside (never the plain db then). */
export type Executor = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens the database with WAL, a busy timeout and a page cache of `cacheMiB` (SQLITE_CACHE_MB; better-sqlite3's own
 * default is 16 MiB, resident once filled, P6), then migrates it to the current schema.
 */
export function openDb(file: string, cacheMiB = SQLITE_CACHE_MB_DEFAULT): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = ${-Math.round(cacheMiB * 1024)}`);
  const db = drizzle(sqlite, { schema }) as Db;
  // GOTCHAS: a migration that rebuilds a table fails with child rows while foreign keys are on
  sqlite.pragma('foreign_keys = OFF');
  migrate(db, { migrationsFolder });
  const broken = sqlite.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) throw new Error(`Database has ${broken.length} broken foreign keys after migration`);
  sqlite.pragma('foreign_keys = ON');
  return db;
}

/**
 * Runs `work` as one IMMEDIATE transaction, handing it the transaction to query through. better-sqlite3's
 * transactions are synchronous (GOTCHAS): `work` must not be async, so hashing happens before the store is called.
 */
export function inTransaction<T>(db: Db, work: (tx: Executor) => T): T {
  return db.transaction(
    (tx) => {
      // the transaction hears audit rows as its database does (SPEC O3)
      const listener = auditListeners.get(db);
      if (listener) auditListeners.set(tx, listener);
      return work(tx);
    },
    { behavior: 'immediate' },
  );
}

/** SPEC O3: who hears each audit row written through a database or a transaction on it (see AuditStore.onRecord). */
export const auditListeners = new WeakMap<Executor, (e: AuditEvent) => void>();

/** SPEC M9: a unique index settled a race. Read from the driver's error code, never from the message text. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Database.SqliteError && (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}

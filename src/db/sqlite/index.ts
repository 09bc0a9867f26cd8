// The store contract on SQLite: opens the file (or :memory:) and builds every store over it. Only entry points import this.
import type { Database, Stores } from '../contract.js';
import { addressBudgetStore } from './address-budget.js';
import { accountStore, credentialStore, memberStore } from './accounts.js';
import { auditStore } from './audit.js';
import { backupDatabase } from './backup.js';
import { openDb, type Db } from './client.js';
import { codeStore } from './codes.js';
import { demoResetStore } from './demo-reset.js';
import { flowStore } from './flows.js';
import { healthStore } from './health.js';
import { importStore } from './import.js';
import { sqliteInspection } from './inspection.js';
import { lockoutStore } from './lockout.js';
import { migrationStore } from './migration.js';
import { outboxStore } from './outbox.js';
import { registrationStore } from './registration.js';
import { reportStore } from './report.js';
import { resetStore } from './reset.js';
import { retentionStore } from './retention.js';
import { sessionStore } from './sessions.js';
import { settingsStore } from './settings.js';
import { unlockStore } from './unlock.js';

export function sqliteStores(db: Db): Stores {
  return {
    accounts: accountStore(db),
    addressBudget: addressBudgetStore(db),
    audit: auditStore(db),
    codes: codeStore(db),
    credentials: credentialStore(db),
    demoReset: demoResetStore(db),
    flows: flowStore(db),
    health: healthStore(db),
    import: importStore(db),
    lockout: lockoutStore(db),
    member: memberStore(db),
    migration: migrationStore(db),
    outbox: outboxStore(db),
    registration: registrationStore(db),
    report: reportStore(db),
    reset: resetStore(db),
    retention: retentionStore(db),
    sessions: sessionStore(db),
    settings: settingsStore(db),
    unlock: unlockStore(db),
  };
}

/** The contract's Database, plus what only SQLite has: SPEC O5's online backup of the whole file (npm run backup). */
export type SqliteDatabase = Database & { backup(file: string): Promise<{ pages: number }> };

/** Opens (and migrates) the SQLite database at `file`, with a page cache of `cacheMiB`, behind the store contract. */
export function openSqlite(file: string, cacheMiB?: number): SqliteDatabase {
  const db = openDb(file, cacheMiB);
  return {
    dialect: 'sqlite',
    stores: sqliteStores(db),
    inspect: sqliteInspection(db),
    backup: (to) => backupDatabase(db, to),
    // one file, one machine: SQLite's own write lock settles races between processes; a start-up task needs nothing more
    exclusive: (_name, work) => work(),
    async close() {
      db.$client.close();
    },
  };
}

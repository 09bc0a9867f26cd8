// The store contract on SQLite: opens the file (or :memory:) and builds every store over it. Only entry points import this.
import type { Database, Stores } from '../contract.js';
import { accountStore, credentialStore, memberStore } from './accounts.js';
import { auditStore } from './audit.js';
import { openDb, type Db } from './client.js';
import { codeStore } from './codes.js';
import { flowStore } from './flows.js';
import { importStore } from './import.js';
import { sqliteInspection } from './inspection.js';
import { lockoutStore } from './lockout.js';
import { migrationStore } from './migration.js';
import { registrationStore } from './registration.js';
import { resetStore } from './reset.js';
import { sessionStore } from './sessions.js';
import { settingsStore } from './settings.js';

export function sqliteStores(db: Db): Stores {
  return {
    accounts: accountStore(db),
    audit: auditStore(db),
    codes: codeStore(db),
    credentials: credentialStore(db),
    flows: flowStore(db),
    import: importStore(db),
    lockout: lockoutStore(db),
    member: memberStore(db),
    migration: migrationStore(db),
    registration: registrationStore(db),
    reset: resetStore(db),
    sessions: sessionStore(db),
    settings: settingsStore(db),
  };
}

/** Opens (and migrates) the SQLite database at `file` behind the store contract. */
export function openSqlite(file: string): Database {
  const db = openDb(file);
  return {
    stores: sqliteStores(db),
    inspect: sqliteInspection(db),
    async close() {
      db.$client.close();
    },
  };
}
